using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests;

/// <summary>fleetctl over HTTPS to a management port with a certificate: trusting the CA named, and nothing else.</summary>
public sealed class TlsConnectionSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly TestCertificates _ca = new("fleetkeys-ops-ca");
    private readonly TestCertificates _foreign = new("some-other-ca");
    private CtlNode _node = null!;

    public async Task InitializeAsync()
    {
        var certificate = _ca.Issue("node-1");
        _node = await CtlNode.Start(new NodeOptions(_database.Settings.DataFolder, Extra:
        [
            "--FleetKeys:Management:Certificate:Path", certificate.CertificatePath,
            "--FleetKeys:Management:Certificate:KeyPath", certificate.KeyPath,
        ]));
    }

    [Fact]
    public async Task Fleetctl_talks_https_to_a_node_whose_certificate_comes_from_the_ca_file_it_is_given()
    {
        var url = await FleetctlProcess.Run($"https://{_node.Management}", Keys.Admin, null, ["--ca-file", _ca.CaPath, "node", "uptime"]);
        var bare = await FleetctlProcess.Run(_node.Management, Keys.Admin, null, ["--ca-file", _ca.CaPath, "node", "uptime"]);

        Assert.True(url.ExitCode == 0, url.Error);
        Assert.Contains("uptime:", url.Out);
        Assert.True(bare.ExitCode == 0, bare.Error);
    }

    [Fact]
    public async Task Fleetctl_refuses_a_node_certificate_from_any_other_ca_and_plain_http_gets_nowhere()
    {
        var foreign = await FleetctlProcess.Run(_node.Management, Keys.Admin, null, ["--ca-file", _foreign.CaPath, "node", "uptime"]);
        var publicRoots = await FleetctlProcess.Run($"https://{_node.Management}", Keys.Admin, null, ["node", "uptime"]);
        var plain = await FleetctlProcess.Run(_node.Management, Keys.Admin, null, ["node", "uptime"]);

        Assert.Equal((3, 3, 3), (foreign.ExitCode, publicRoots.ExitCode, plain.ExitCode));
        Assert.Contains("SSL connection could not be established", foreign.Error);
        Assert.Contains("SSL connection could not be established", publicRoots.Error);
        Assert.DoesNotContain("uptime:", foreign.Out + publicRoots.Out + plain.Out);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
        _ca.Dispose();
        _foreign.Dispose();
    }
}
