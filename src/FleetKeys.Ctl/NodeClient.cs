using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FleetKeys.Ctl;

/// <summary>A command's answer: its data, or the exit code and the message that say why not.</summary>
public sealed record Reply(JsonElement Data, int ExitCode, string? Error)
{
    public static Reply Failure(int exitCode, string error) => new(default, exitCode, error);
}

/// <summary>HTTP to one node's management port; every way it can go wrong becomes an exit code and a sentence.</summary>
public sealed class NodeClient(string node, string? token) : IDisposable
{
    /// <summary>Fleet-wide commands ask every controller and cabinet; give them time before calling the node unresponsive.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = Create(node, token);

    public string Node => node;

    public async Task<(CommandList? List, Reply? Failure)> Discover()
    {
        var reply = await Send(() => _http.GetAsync("mgmt/v1/commands"));
        return reply.Error is null ? (reply.Data.Deserialize<CommandList>(Wire.Json), null) : (null, reply);
    }

    public Task<Reply> Run(string palette, string command, IReadOnlyDictionary<string, string> arguments) =>
        Send(() => _http.PostAsJsonAsync($"mgmt/v1/commands/{Uri.EscapeDataString(palette)}/{Uri.EscapeDataString(command)}",
            new { arguments }, Wire.Json));

    private async Task<Reply> Send(Func<Task<HttpResponseMessage>> request)
    {
        HttpResponseMessage response;
        try
        {
            response = await request();
        }
        catch (HttpRequestException e)
        {
            return Reply.Failure(ExitCodes.Unreachable,
                $"cannot reach a FleetKeys node's management port at {node}: {e.Message}. Is the node running, and is this its " +
                "FleetKeys:Management host and port? (--node host:port)");
        }
        catch (TaskCanceledException)
        {
            return Reply.Failure(ExitCodes.Unreachable, $"the node at {node} did not answer within {Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return new Reply(Parse(body) ?? default, ExitCodes.Ok, null);
            var problem = Problem(body);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized when token is null => Reply.Failure(ExitCodes.Unreachable,
                    $"no API key: set {Token.Variable}, or --token-file to a file holding one"),
                HttpStatusCode.Unauthorized => Reply.Failure(ExitCodes.Unreachable,
                    "the node refused the API key: it is not one of the node's keys (FleetKeys:Api:Keys)"),
                HttpStatusCode.Forbidden => Reply.Failure(ExitCodes.Unreachable, problem ?? "this API key's role may not do this"),
                HttpStatusCode.BadRequest => Reply.Failure(ExitCodes.Usage, problem ?? "the node refused the arguments"),
                _ => Reply.Failure(ExitCodes.Failed, problem ?? $"the node answered {(int)response.StatusCode} {response.ReasonPhrase}"),
            };
        }
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Problem(string body) =>
        Parse(body)?.Deserialize<Problem>(Wire.Json) is { } p ? p.Detail ?? p.Title : null;

    private static HttpClient Create(string node, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{node}/"), Timeout = Timeout };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
