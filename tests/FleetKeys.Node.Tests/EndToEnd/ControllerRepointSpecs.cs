using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A controller's address typed wrong is no longer dialled forever: changed through the API, the driver leaves the old
/// address and dials the new one at once, over real TCP to a simulated controller.
/// </summary>
public abstract class ControllerRepointSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private string Controller => Rig.Controller.ControllerId;

    private async Task<JsonElement> Repoint(int port) =>
        await (await Rig.Admin.PatchAsJsonAsync($"/api/v1/controllers/{Controller}", new { port })).Read<JsonElement>(HttpStatusCode.OK);

    private async Task<bool> Connected() =>
        (await Rig.Get<JsonElement>($"/api/v1/controllers/{Controller}")).GetProperty("driver").GetProperty("connected").GetBoolean();

    [Fact]
    public async Task A_controller_pointed_at_a_wrong_address_and_back_is_redialled_at_once_and_serves_badges_again()
    {
        var alice = await Rig.Person("alice");
        var nobodyListens = FreePort.Next();

        var wrong = await Repoint(nobodyListens);
        await Eventually.Holds(async () => Assert.False(await Connected()));
        var dialsBefore = Rig.Controller.Counters.Connections;
        var right = await Repoint(Rig.Relay.Port);

        await Eventually.Holds(async () => Assert.True(await Connected()), TimeSpan.FromSeconds(20));
        Assert.True(Rig.Controller.Counters.Connections > dialsBefore, "the driver should have dialled the controller again");
        await Rig.Release(alice, 2);
        Assert.Equal((nobodyListens, Rig.Relay.Port), (wrong.GetProperty("port").GetInt32(), right.GetProperty("port").GetInt32()));
        await Eventually.Holds(async () =>
        {
            var audit = await Rig.Get<JsonElement>($"/api/v1/audit?persistenceId=controller-{Controller}");
            var changes = audit.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "controller.changed.v1")
                .Select(r => (r.GetProperty("event").GetProperty("Port").GetInt32(), r.GetProperty("event").GetProperty("By").GetString())).ToList();
            Assert.Equal([(nobodyListens, "bootstrap-admin"), (Rig.Relay.Port, "bootstrap-admin")], changes);
        });
    }
}

public sealed class SqliteControllerRepointSpecs(NodeFixture<SqliteTestDatabase> fixture) : ControllerRepointSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresControllerRepointSpecs(NodeFixture<PostgresTestDatabase> fixture) : ControllerRepointSpecs<PostgresTestDatabase>(fixture);
