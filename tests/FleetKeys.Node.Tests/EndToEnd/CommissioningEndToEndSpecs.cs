using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A cabinet board reset to the default key SCBK-D, over TCP to the simulator: refused while nobody commissions it, given its
/// own key (of a fresh generation) by the driver once an operator opens a window for its bus address, and in service again on that key.
/// </summary>
public abstract class CommissioningEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private Task<JsonElement> Controller() => Rig.Get<JsonElement>($"/api/v1/controllers/{Rig.Controller.ControllerId}");

    [Fact]
    public async Task A_device_offering_the_default_key_is_refused_until_commissioned_then_works_on_its_own_key()
    {
        Cabinet.ForgetKey();
        Rig.Relay.Cut();
        Rig.Relay.Resume();

        await Eventually.Holds(async () =>
            Assert.True((await Controller()).GetProperty("driver").GetProperty("authenticationFailures").GetInt64() >= 1));
        Assert.True(Cabinet.HoldsDefaultKey);

        await (await Rig.Admin.Post($"/api/v1/controllers/{Rig.Controller.ControllerId}/commissioning",
            new { busAddress = Cabinet.BusAddress, minutes = 10 })).Read<JsonElement>(HttpStatusCode.OK);

        await Eventually.Holds(() => Assert.False(Cabinet.HoldsDefaultKey));
        await Eventually.Holds(async () =>
        {
            var controller = await Controller();
            Assert.Empty(controller.GetProperty("commissioning").EnumerateArray());
            Assert.Equal(1, Assert.Single(controller.GetProperty("keys").EnumerateArray()).GetProperty("generation").GetInt32());
            var audit = await Rig.Get<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString($"controller-{Rig.Controller.ControllerId}")}");
            Assert.Contains(audit.GetProperty("items").EnumerateArray(), r => r.GetProperty("type").GetString() == "controller.device-commissioned.v1");
        });
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
    }
}

public sealed class SqliteCommissioningEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : CommissioningEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCommissioningEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : CommissioningEndToEndSpecs<PostgresTestDatabase>(fixture);
