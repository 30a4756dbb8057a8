using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// Three node processes on loopback, on one PostgreSQL database, that speak to each other only over mutual TLS with
/// certificates from the cluster's CA; they join through the hand-listed seeds (the first two nodes).
/// </summary>
public sealed class SecureCluster : IAsyncLifetime
{
    public const string AdminKey = "fk_secure_cluster_admin";
    private static readonly byte[] MasterSecret = [.. Enumerable.Range(7, 32).Select(i => (byte)i)];

    private readonly PostgresTestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-secure-").FullName;

    public TestCertificates Ca { get; } = new("fleetkeys-cluster-ca");
    public List<ClusterNode> Nodes { get; } = [];

    public static string TlsAddress(int clusterPort) => $"akka.ssl.tcp://fleetkeys@127.0.0.1:{clusterPort}";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => (Http: FreePort.Next(), Cluster: FreePort.Next())).ToList();
        // Hand-listed seeds: Cluster Bootstrap cannot run here (Akka.Management's HTTP server needs Ceen.Httpd 0.9.9,
        // which is not served; 0.9.10 fails with MissingMethodException), so discovery is not what this fixture tests.
        var seeds = ports.Take(2).SelectMany((p, i) => (string[])[$"--FleetKeys:Cluster:SeedNodes:{i}", TlsAddress(p.Cluster)]).ToList();
        try
        {
            for (var i = 0; i < ports.Count; i++)
            {
                var certificate = Ca.Issue($"node-{i + 1}");
                Nodes.Add(new ClusterNode(i, ports[i].Http, ports[i].Cluster, FreePort.Next(),
                [
                    .. Node(ports[i].Http, ports[i].Cluster, $"node{i}"),
                    .. Tls(certificate, Ca.CaPath),
                    .. seeds,
                    "--FleetKeys:Persistence:Provider", "Postgres",
                    "--FleetKeys:Persistence:ConnectionString", _database.Settings.ConnectionString!,
                ]));
            }

            foreach (var node in Nodes) node.Start();
            foreach (var node in Nodes) await node.WaitUntilReady(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings every node here shares, on its own ports and data folder.</summary>
    public string[] Node(int http, int cluster, string name) =>
    [
        "--urls", $"http://127.0.0.1:{http}",
        "--FleetKeys:Cluster:Port", cluster.ToString(),
        "--FleetKeys:Persistence:DataFolder", Path.Combine(_folder, name),
        "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(MasterSecret),
        "--FleetKeys:Api:BootstrapAdminKey", AdminKey,
        "--FleetKeys:Logging:Level", "Warning",
    ];

    public static string[] Tls(PemFiles certificate, string caPath) =>
    [
        "--FleetKeys:Cluster:Tls:Certificate:Path", certificate.CertificatePath,
        "--FleetKeys:Cluster:Tls:Certificate:KeyPath", certificate.KeyPath,
        "--FleetKeys:Cluster:Tls:CaPath", caPath,
    ];

    /// <summary>The members as node <paramref name="index"/> sees them ("cluster show" on its management port).</summary>
    public async Task<List<(string Address, string Status)>> Members(int index = 0)
    {
        using var management = Nodes[index].ManagementClient(AdminKey);
        var response = await management.PostAsJsonAsync("/mgmt/v1/commands/cluster/show", new { arguments = new Dictionary<string, string>() });
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. view.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!))];
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
        Ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
