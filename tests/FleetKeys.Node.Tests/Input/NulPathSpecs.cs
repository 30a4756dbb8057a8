using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FleetKeys.Management.Logs;
using FleetKeys.Testing;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// A path holding a NUL (<c>%00</c>) is refused by the HTTP server before FleetKeys's middleware could see it; the
/// answer is still a problem document naming the path, after every request sent before it on the connection.
/// Spoken over a raw socket, as an attacker would, since an HTTP client library refuses to send such a path.
/// On a node of its own: it counts every such warning the node logs.
/// </summary>
public sealed class NulPathSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : IClassFixture<OwnNodeFixture<SqliteTestDatabase>>
{
    private async Task<string> Exchange(string requests)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Node.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests));
        // The refusal closes the connection: everything the server said is read to its end.
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static JsonElement LastBody(string answer) => JsonDocument.Parse(answer[(answer.LastIndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;

    [Fact]
    public async Task A_nul_in_the_path_is_a_400_problem_naming_the_path_and_one_warning()
    {
        var warningsBefore = Warnings();

        var answer = await Exchange("GET /api/v1/people/a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer);
        Assert.Contains("Content-Type: application/problem+json\r\n", answer);
        var problem = LastBody(answer);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("holds a NUL (%00)", problem.GetProperty("errors").GetProperty("path")[0].GetString());
        await Eventually.Holds(() => Assert.Equal(warningsBefore + 1, Warnings()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Requests_sent_before_it_on_the_same_connection_are_answered_first_a_chunked_body_holding_nuls_included()
    {
        var site = $"nul-{Guid.NewGuid():N}"[..12];
        var json = $$"""{"id":"{{site}}","name":"100%00 plain","timeZone":"UTC"}""";
        var answer = await Exchange(
            $"POST /api/v1/sites HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {NodeApp.AdminKey}\r\nContent-Type: application/json\r\n" +
            $"Transfer-Encoding: chunked\r\n\r\n{json.Length:x}\r\n{json}\r\n0\r\n\r\n" +
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" +
            $"GET /api/v1/sites/{site}%00 HTTP/1.1\r\nHost: x\r\n\r\n");

        var statuses = answer.Split("\r\n").Where(l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["HTTP/1.1 201 Created", "HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"], statuses);
        Assert.Equal(400, LastBody(answer).GetProperty("status").GetInt32());
        using var admin = fixture.Node.Client();
        var stored = await (await admin.GetAsync($"/api/v1/sites/{site}")).Read<JsonElement>(System.Net.HttpStatusCode.OK);
        Assert.Equal("100%00 plain", stored.GetProperty("name").GetString());
    }

    private int Warnings() =>
        fixture.Node.Service<RecentLogLines>().Recent(LogLevel.Warning, 2000).Count(l => l.Message.Contains("holds a NUL", StringComparison.Ordinal));
}
