using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// Three node processes on loopback, on one PostgreSQL database, that speak to each other only over mutual TLS with
/// certificates from the cluster's CA. No node is given seeds: each finds the others by config discovery (every node's
/// cluster endpoint listed) and joins them, the lowest address forming the cluster.
/// </summary>
public sealed class SecureCluster : IAsyncLifetime
{
    public const string AdminKey = "fk_secure_cluster_admin";
    private static readonly byte[] MasterSecret = [.. Enumerable.Range(7, 32).Select(i => (byte)i)];

    private readonly PostgresTestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-secure-").FullName;

    public TestCertificates Ca { get; } = new("fleetkeys-cluster-ca");
    public List<ClusterNode> Nodes { get; } = [];
    private readonly List<string[]> _settings = [];

    public static string TlsAddress(int clusterPort) => $"akka.ssl.tcp://fleetkeys@127.0.0.1:{clusterPort}";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => (Http: FreePort.Next(), Cluster: FreePort.Next())).ToList();
        var discovery = ports.SelectMany((p, i) => (string[])[$"--FleetKeys:Cluster:Discovery:Endpoints:{i}", $"127.0.0.1:{p.Cluster}"]).ToList();
        try
        {
            for (var i = 0; i < ports.Count; i++)
            {
                var certificate = Ca.Issue($"node-{i + 1}");
                _settings.Add(
                [
                    .. Node(ports[i].Http, ports[i].Cluster, $"node{i}"),
                    .. Tls(certificate, Ca.CaPath),
                    "--FleetKeys:Cluster:Discovery:Method", "Config",
                    .. discovery,
                    "--FleetKeys:Cluster:Discovery:RequiredContactPoints", "3",
                    "--FleetKeys:Cluster:Discovery:StableMargin", "00:00:01",
                    "--FleetKeys:Cluster:Discovery:LookupInterval", "00:00:00.500",
                    "--FleetKeys:Persistence:Provider", "Postgres",
                    "--FleetKeys:Persistence:ConnectionString", _database.Settings.ConnectionString!,
                ]);
                Nodes.Add(new ClusterNode(i, ports[i].Http, ports[i].Cluster, FreePort.Next(), _settings[i]));
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

    /// <summary>Starts node <paramref name="index"/> again, on its ports and settings, once its old process is gone.</summary>
    public async Task Restart(int index)
    {
        var old = Nodes[index];
        await old.DisposeAsync();
        var restarted = new ClusterNode(index, old.HttpPort, old.ClusterPort, old.ManagementPort, _settings[index]);
        Nodes[index] = restarted;
        restarted.Start();
        await restarted.WaitUntilReady(TimeSpan.FromSeconds(90));
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

    /// <summary>The members as node <paramref name="index"/> sees them.</summary>
    public Task<List<(string Address, string Status)>> Members(int index = 0) => Nodes[index].Members(AdminKey);

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
        Ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
