using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using FleetKeys.Management;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.Security;
using FleetKeys.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Node.Tests.Security;

/// <summary>HTTPS on the API (with HSTS) and on the management port, and no plain text beyond loopback unless trusted.</summary>
public sealed class TransportSecuritySpecs : IDisposable
{
    private readonly TestCertificates _ca = new("fleetkeys-test-ca");
    private readonly TestCertificates _foreign = new("some-other-ca");
    private readonly SqliteTestDatabase _database = new();

    private string[] Node(params string[] settings) =>
    [
        "--urls", "http://127.0.0.1:0",
        "--FleetKeys:Cluster:Port", "0",
        "--FleetKeys:Management:Port", "0",
        "--FleetKeys:Persistence:DataFolder", _database.Settings.DataFolder,
        "--FleetKeys:Logging:Level", "Warning",
        "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(NodeApp.MasterSecret),
        "--FleetKeys:Api:BootstrapAdminKey", NodeApp.AdminKey,
        .. settings,
    ];

    [Fact]
    public async Task Given_certificates_the_api_and_the_management_port_serve_https_and_the_api_sends_hsts()
    {
        var certificate = _ca.Issue("node-1");
        var app = FleetKeysNode.Build(Node(
            "--urls", "https://127.0.0.1:0",
            "--Kestrel:Certificates:Default:Path", certificate.CertificatePath,
            "--Kestrel:Certificates:Default:KeyPath", certificate.KeyPath,
            "--FleetKeys:Management:Certificate:Path", certificate.CertificatePath,
            "--FleetKeys:Management:Certificate:KeyPath", certificate.KeyPath));
        await app.StartAsync();
        try
        {
            var api = new Uri(app.Urls.Single());
            using var apiClient = _ca.TrustingClient(api);
            var health = await apiClient.GetAsync("/healthz");
            var management = new Uri($"https://{app.Services.GetRequiredService<ManagementEndpoint>().Address}");
            using var managementClient = _ca.TrustingClient(management);
            managementClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NodeApp.AdminKey);
            var commands = await managementClient.GetAsync("/mgmt/v1/commands");
            using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            Assert.Equal("https", api.Scheme);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", health.Headers.GetValues("Strict-Transport-Security")));
            Assert.Equal(HttpStatusCode.OK, commands.StatusCode);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://{management.Authority}/mgmt/v1/commands"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:8080", "the API on http://0.0.0.0:8080")]
    [InlineData("--urls", "http://fleetkeys.example.org:8080", "the API on http://fleetkeys.example.org:8080")]
    [InlineData("--Kestrel:Endpoints:Web:Url", "http://*:8080", "the API on http://*:8080")]
    [InlineData("--FleetKeys:Management:Host", "0.0.0.0", "the management port on 0.0.0.0")]
    [InlineData("--FleetKeys:Cluster:Hostname", "0.0.0.0", "the cluster on 0.0.0.0")]
    public void A_node_refuses_to_listen_in_plain_text_beyond_loopback(string setting, string value, string named)
    {
        var refused = Assert.Throws<NodeConfigurationException>(() => FleetKeysNode.Build(Node(setting, value)));

        Assert.Contains(named, refused.Message);
        Assert.Contains("FleetKeys:Network:Trusted", refused.Message);
    }

    [Fact]
    public async Task A_node_listens_beyond_loopback_in_plain_text_only_when_the_network_is_declared_trusted()
    {
        await using var app = FleetKeysNode.Build(Node(
            "--urls", "http://0.0.0.0:8080", "--FleetKeys:Management:Host", "0.0.0.0", "--FleetKeys:Cluster:Hostname", "0.0.0.0",
            "--FleetKeys:Network:Trusted", "true"));

        Assert.NotNull(app);
    }

    [Fact]
    public async Task A_node_listens_beyond_loopback_when_every_listener_has_tls()
    {
        var certificate = _ca.Issue("node-1");

        await using var app = FleetKeysNode.Build(Node(
            "--urls", "https://0.0.0.0:8443",
            "--FleetKeys:Management:Host", "0.0.0.0",
            "--FleetKeys:Management:Certificate:Path", certificate.CertificatePath,
            "--FleetKeys:Management:Certificate:KeyPath", certificate.KeyPath,
            "--FleetKeys:Cluster:Hostname", "0.0.0.0",
            "--FleetKeys:Cluster:Tls:Certificate:Path", certificate.CertificatePath,
            "--FleetKeys:Cluster:Tls:Certificate:KeyPath", certificate.KeyPath,
            "--FleetKeys:Cluster:Tls:CaPath", _ca.CaPath));

        Assert.NotNull(app);
    }

    [Fact]
    public void Over_tls_a_seed_given_as_a_plain_tcp_address_is_refused_with_the_protocol_to_use()
    {
        var certificate = _ca.Issue("node-1");

        var refused = Assert.Throws<NodeConfigurationException>(() => FleetKeysNode.Build(Node(
            "--FleetKeys:Cluster:Tls:Certificate:Path", certificate.CertificatePath,
            "--FleetKeys:Cluster:Tls:Certificate:KeyPath", certificate.KeyPath,
            "--FleetKeys:Cluster:Tls:CaPath", _ca.CaPath,
            "--FleetKeys:Cluster:SeedNodes:0", "akka.tcp://fleetkeys@127.0.0.1:4053")));

        Assert.Contains("must be akka.ssl.tcp:// addresses", refused.Message);
    }

    [Fact]
    public void The_cluster_transport_accepts_a_peer_only_with_a_certificate_from_the_clusters_own_ca()
    {
        var ca = TrustedCa.FromPemFile(_ca.CaPath);
        using var member = Load(_ca.Issue("node-2"));
        using var stranger = Load(_foreign.Issue("node-2"));

        Assert.True(ClusterTls.Accept(ca, member, null, "akka.ssl.tcp://fleetkeys@127.0.0.1:4054", NoLogger.Instance));
        Assert.False(ClusterTls.Accept(ca, stranger, null, "akka.ssl.tcp://fleetkeys@127.0.0.1:4055", NoLogger.Instance));
        Assert.False(ClusterTls.Accept(ca, null, null, "akka.ssl.tcp://fleetkeys@127.0.0.1:4056", NoLogger.Instance));
    }

    private static X509Certificate2 Load(PemFiles files) => X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);

    public void Dispose()
    {
        _ca.Dispose();
        _foreign.Dispose();
        _database.DisposeAsync().GetAwaiter().GetResult();
    }
}
