using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>One node of the fault suite's cluster: its process, and where it answers on loopback.</summary>
public sealed class ClusterNode(int index, int httpPort, int clusterPort, int managementPort, IEnumerable<string> args)
    : NodeProcess([.. args, "--FleetKeys:Management:Port", managementPort.ToString()])
{
    public int Index { get; } = index;
    public int HttpPort { get; } = httpPort;
    public int ClusterPort { get; } = clusterPort;
    public int ManagementPort { get; } = managementPort;
    public string Address => $"akka.tcp://fleetkeys@127.0.0.1:{ClusterPort}";

    public HttpClient Client(string apiKey) => ClientOn(HttpPort, apiKey);

    /// <summary>The management port fleetctl talks to.</summary>
    public HttpClient ManagementClient(string apiKey) => ClientOn(ManagementPort, apiKey);

    private static HttpClient ClientOn(int port, string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>The members as this node sees them ("cluster show" on its management port).</summary>
    public async Task<List<(string Address, string Status)>> Members(string apiKey)
    {
        using var management = ManagementClient(apiKey);
        var response = await management.PostAsJsonAsync("/mgmt/v1/commands/cluster/show", new { arguments = new Dictionary<string, string>() });
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. view.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!))];
    }

    public Task WaitUntilReady(TimeSpan within) =>
        Endpoint.AnswersOk(new Uri($"http://127.0.0.1:{HttpPort}/readyz"), within, () => HasExited ? $"node {Index} exited:\n{Output}" : null);
}
