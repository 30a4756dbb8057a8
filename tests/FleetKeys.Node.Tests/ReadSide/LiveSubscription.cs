using System.Net;
using System.Text.Json;
using FleetKeys.Api.Endpoints;

namespace FleetKeys.Node.Tests.ReadSide;

public sealed record ServerEvent(string? Id, string Type, JsonElement Data);

/// <summary>Reads one SSE connection event by event; heartbeats are skipped.</summary>
public sealed class LiveSubscription(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<LiveSubscription> Open(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        // A subscriber hears from the stream at once, not at its first keep-alive.
        using var connecting = new CancellationTokenSource(LiveEndpoints.Heartbeat / 2);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connecting.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveSubscription(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<ServerEvent> Next()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (id, type, data) = ((string?)null, "message", "");
        while (await reader.ReadLineAsync(bound.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type != "heartbeat" && data.Length > 0) return new ServerEvent(id, type, JsonDocument.Parse(data).RootElement);
                (id, type, data) = (null, "message", "");
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data += line[6..];
        }

        throw new EndOfStreamException("the stream ended");
    }

    /// <summary>The next event <paramref name="wanted"/> picks, the others skipped.</summary>
    public async Task<ServerEvent> NextWhere(Func<ServerEvent, bool> wanted)
    {
        while (true)
        {
            var next = await Next();
            if (wanted(next)) return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
