using System.Buffers;
using System.Text;
using FleetKeys.Api.Problems;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// The guard in front of Kestrel finds each request line of a connection by following HTTP/1.1's framing, judges only
/// those, and steps aside from what it cannot follow: a byte of a body is never taken for a request.
/// </summary>
public sealed class RequestFramingSpecs
{
    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.Latin1.GetBytes(text));

    private static (long Read, bool Refuse) Scan(RequestFraming framing, string text) => framing.Scan(Bytes(text));

    [Fact]
    public void A_request_line_whose_path_holds_a_nul_is_refused_where_it_starts()
    {
        Assert.Equal((0L, true), Scan(new RequestFraming(), "GET /api/v1/people/a%00b HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    [Fact]
    public void A_nul_in_the_query_or_in_a_header_is_left_to_the_application()
    {
        const string request = "GET /api/v1/people?q=%00 HTTP/1.1\r\nX-Note: %00\r\n\r\n";
        Assert.Equal((request.Length, false), Scan(new RequestFraming(), request));
    }

    [Fact]
    public void After_a_body_of_known_length_and_a_chunked_body_that_hold_nuls_the_next_request_line_is_found_at_its_offset()
    {
        const string sized = "POST /api/v1/sites HTTP/1.1\r\nContent-Length: 12\r\n\r\nGET /a%00 HT";
        const string chunked = "PUT /api/v1/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n%00%0\r\n0\r\nTrailer: y\r\n\r\n";
        const string refused = "GET /api/v1/people/%00 HTTP/1.1\r\n\r\n";

        Assert.Equal((sized.Length + chunked.Length, true), Scan(new RequestFraming(), sized + chunked + refused));
    }

    [Fact]
    public void A_line_not_yet_ended_is_held_back_until_its_end_arrives()
    {
        var framing = new RequestFraming();
        const string first = "GET /ok HTTP/1.1\r\n\r\n";

        Assert.Equal((first.Length, false), Scan(framing, first + "GET /api/v1/people/%0"));
        Assert.Equal((0L, true), Scan(framing, "GET /api/v1/people/%00 HTTP/1.1\r\n"));
    }

    [Theory]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003")] // a TLS ClientHello: judged at once, never waited on
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    [InlineData("GET /live HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")]
    [InlineData("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")]
    public void What_it_cannot_follow_it_steps_aside_from_and_judges_nothing_after(string start)
    {
        var framing = new RequestFraming();
        var text = start + "GET /api/v1/people/%00 HTTP/1.1\r\n\r\n";

        Assert.Equal((text.Length, false), Scan(framing, text));
        Assert.True(framing.Aside);
    }
}
