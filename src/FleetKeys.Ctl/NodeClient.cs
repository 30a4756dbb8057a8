using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FleetKeys.Cluster.Security;
using System.Net.Http.Json;
using System.Text.Json;

namespace FleetKeys.Ctl;

/// <summary>A command's answer: its data, or the exit code and the message that say why not.</summary>
public sealed record Reply(JsonElement Data, int ExitCode, string? Error)
{
    /// <summary>The answer as the node wrote it, for one that is a file rather than JSON (a CSV export).</summary>
    public string Body { get; init; } = "";

    public static Reply Failure(int exitCode, string error) => new(default, exitCode, error);
}

/// <summary>HTTP to one node's management port; every way it can go wrong becomes an exit code and a sentence.</summary>
/// <param name="ca">The private CA the node's certificate must chain to; null trusts the machine's roots (or plain HTTP).</param>
public sealed class NodeClient(string node, Uri address, string? token, TrustedCa? ca) : IDisposable
{
    /// <summary>Fleet-wide commands ask every controller and cabinet; give them time before calling the node unresponsive.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = Create(address, token, ca);

    public string Node => node;

    public async Task<(CommandList? List, Reply? Failure)> Discover()
    {
        var reply = await Send(() => _http.GetAsync("mgmt/v1/commands"));
        return reply.Error is null ? (reply.Data.Deserialize<CommandList>(Wire.Json), null) : (null, reply);
    }

    /// <summary>The caller as the node sees it: its principal and grants (fleetctl me).</summary>
    public Task<Reply> Me() => Send(() => _http.GetAsync("mgmt/v1/me"));

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
                $"cannot reach a FleetKeys node's management port at {node}: {Reason(e)}. Is the node running, and is this its " +
                "FleetKeys:Management host and port? (--node host:port, https://host:port with --ca-file for a node with a certificate)");
        }
        catch (TaskCanceledException)
        {
            return Reply.Failure(ExitCodes.Unreachable, $"the node at {node} did not answer within {Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return new Reply(Parse(body) ?? default, ExitCodes.Ok, null) { Body = body };
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

    /// <summary>A refused certificate shows only as "SSL connection could not be established": the inner exception says why.</summary>
    private static string Reason(HttpRequestException e) =>
        e.InnerException is System.Security.Authentication.AuthenticationException tls ? $"{e.Message} ({tls.Message})" : e.Message;

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

    private static HttpClient Create(Uri address, string? token, TrustedCa? ca)
    {
        var handler = new HttpClientHandler();
        // The name must still match the certificate; only the chain is judged against the private CA instead of public roots.
        if (ca is not null)
            handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && ca.Refusal(certificate, chain is null ? null : new X509Certificate2Collection(chain.ChainElements.Select(e => e.Certificate).ToArray())) is null;
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
