using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FleetKeys.Driver.Transport;
using FleetKeys.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// The link in TLS 1.3 against a real TLS server on loopback, with a certificate made for the test: the pinned certificate
/// is trusted and carries the bytes both ways; any other is refused before a byte is sent, saying which one was offered.
/// </summary>
public sealed partial class ControllerLinkSpecs
{
    private static readonly X509Certificate2 Certificate = TestCertificates.SelfSigned("ctl-tls");

    /// <summary>The controller's end: accepts one connection and runs the server side of TLS 1.3 with the test's certificate.</summary>
    private async Task<SslStream> ServeTls()
    {
        var socket = await _controller.AcceptSocketAsync();
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate, EnabledSslProtocols = SslProtocols.Tls13 });
        return tls;
    }

    [Fact]
    public async Task With_the_controllers_certificate_pinned_the_link_runs_in_TLS_1_3_both_ways()
    {
        var serving = ServeTls();
        ControllerLink.Dial("127.0.0.1", Port, 1, e => _events.Writer.TryWrite(e), PinnedCertificate.ThumbprintOf(Certificate).ToLowerInvariant());

        using var link = (await Next<LinkEvent.Connected>()).Link;
        await using var controller = await serving;
        link.Write([0x53, 0x01]);
        link.Write([0x02]);
        var buffer = new byte[3];
        await controller.ReadExactlyAsync(buffer);
        await controller.WriteAsync(new byte[] { 0x53, 0x81 });

        Assert.Equal(SslProtocols.Tls13, controller.SslProtocol);
        Assert.Equal([0x53, 0x01, 0x02], buffer);
        var received = new List<byte>();
        while (received.Count < 2) received.AddRange((await Next<LinkEvent.Received>()).Bytes);
        Assert.Equal([0x53, 0x81], received);
    }

    [Fact]
    public async Task AnotherCertificate_is_refused_as_untrusted_naming_both_thumbprints_and_no_connection_is_made()
    {
        using var impostor = TestCertificates.SelfSigned("ctl-tls");
        var pinned = PinnedCertificate.ThumbprintOf(impostor);
        var serving = ServeTls();

        ControllerLink.Dial("127.0.0.1", Port, 2, e => _events.Writer.TryWrite(e), pinned);

        var failed = await Next<LinkEvent.DialFailed>();
        Assert.True(failed.Untrusted);
        Assert.Equal(2, failed.Generation);
        Assert.Contains($"SHA-256 {PinnedCertificate.ThumbprintOf(Certificate)}", failed.Reason);
        Assert.Contains($"pinned for it (SHA-256 {pinned})", failed.Reason);
        Assert.Contains("not trusted, no session", failed.Reason);
        await NothingArrives(serving);
        Assert.False(_events.Reader.TryRead(out var more), $"reported after the refusal: {more}");
    }

    /// <summary>In TLS 1.3 the server may finish its side before the client refuses; either way not a byte of OSDP reaches it.</summary>
    private static async Task NothingArrives(Task<SslStream> serving)
    {
        try
        {
            await using var controller = await serving;
            Assert.Equal(0, await controller.ReadAsync(new byte[1]));
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            // the handshake or the read ended with the client's refusal
        }
    }

    [Fact]
    public async Task A_plain_controller_where_TLS_is_expected_is_a_failed_dial_not_an_untrusted_one()
    {
        var plain = _controller.AcceptSocketAsync();
        ControllerLink.Dial("127.0.0.1", Port, 3, e => _events.Writer.TryWrite(e), PinnedCertificate.ThumbprintOf(Certificate));
        using var socket = await plain;
        socket.Dispose();

        var failed = await Next<LinkEvent.DialFailed>();

        Assert.False(failed.Untrusted);
        Assert.StartsWith("TLS handshake failed", failed.Reason);
    }
}
