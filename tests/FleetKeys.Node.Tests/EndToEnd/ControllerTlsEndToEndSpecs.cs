using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// The controller link in TLS 1.3, over TCP to a simulator serving a certificate the test makes: trusted when pinned, refused
/// (counted, no session) when another certificate is pinned; the plain link is unchanged for controllers without a pin.
/// </summary>
public abstract class ControllerTlsEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private readonly X509Certificate2 _certificate = TestCertificates.SelfSigned("ctl-serial-server");

    protected override Task<HardwareRig> StartRig(NodeApp node) => HardwareRig.StartOn(node, tls: _certificate);

    private string ControllerPath => $"/api/v1/controllers/{Rig.Controller.ControllerId}";

    [Fact]
    public async Task A_controller_serving_its_pinned_certificate_is_driven_in_TLS_and_serves_its_cabinet()
    {
        var controller = await Rig.Get<JsonElement>(ControllerPath);

        Assert.Equal(TestCertificates.Sha256Thumbprint(_certificate), controller.GetProperty("tlsThumbprint").GetString());
        Assert.True(controller.GetProperty("driver").GetProperty("connected").GetBoolean());
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
    }

    [Fact]
    public async Task A_pin_is_a_sha256_thumbprint_set_only_by_an_admin_and_removing_it_dials_plain_again()
    {
        var path = $"{ControllerPath}/tls";

        var bad = await Rig.Admin.Put(path, new { thumbprint = "AB:CD" });
        var byOperator = await Rig.Node.Client(NodeApp.OperatorKey).Put(path, new { thumbprint = TestCertificates.Sha256Thumbprint(_certificate) });
        var unknown = await Rig.Admin.Put($"/api/v1/controllers/{$"ctl-{Guid.NewGuid():N}"[..17]}/tls", new { thumbprint = TestCertificates.Sha256Thumbprint(_certificate) });
        var colons = string.Join(':', TestCertificates.Sha256Thumbprint(_certificate).Chunk(2).Select(c => new string(c).ToLowerInvariant()));
        var withColons = await (await Rig.Admin.Put(path, new { thumbprint = colons })).Read<JsonElement>(HttpStatusCode.OK);
        var plain = await (await Rig.Admin.DeleteAsync(path)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"thumbprint\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(TestCertificates.Sha256Thumbprint(_certificate), withColons.GetProperty("tlsThumbprint").GetString());
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("tlsThumbprint").ValueKind);
        // Dialled plain, a serial server that speaks only TLS gives the driver no connection it can use.
        await Eventually.Holds(async () =>
            Assert.False((await Rig.Get<JsonElement>(ControllerPath)).GetProperty("driver").GetProperty("connected").GetBoolean()));
    }

    [Fact]
    public async Task Another_pinned_certificate_is_refused_counted_and_gets_no_session()
    {
        using var other = TestCertificates.SelfSigned("ctl-serial-server");

        var pinned = await (await Rig.Admin.Put($"{ControllerPath}/tls", new { thumbprint = TestCertificates.Sha256Thumbprint(other) }))
            .Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(TestCertificates.Sha256Thumbprint(other), pinned.GetProperty("tlsThumbprint").GetString());
        var refused = await Refusals(atLeast: 1);
        var frames = Cabinet.Counters.Frames;
        await Refusals(atLeast: refused + 1);
        Assert.Equal(frames, Cabinet.Counters.Frames);
    }

    /// <summary>Waits until the driver counted this many authentication failures while not connected; returns the count.</summary>
    private async Task<long> Refusals(long atLeast)
    {
        long count = 0;
        await Eventually.Holds(async () =>
        {
            var driver = (await Rig.Get<JsonElement>(ControllerPath)).GetProperty("driver");
            Assert.False(driver.GetProperty("connected").GetBoolean());
            count = driver.GetProperty("authenticationFailures").GetInt64();
            Assert.True(count >= atLeast, $"{count} authentication failures");
        });
        return count;
    }
}

public sealed class SqliteControllerTlsEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : ControllerTlsEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresControllerTlsEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : ControllerTlsEndToEndSpecs<PostgresTestDatabase>(fixture);
