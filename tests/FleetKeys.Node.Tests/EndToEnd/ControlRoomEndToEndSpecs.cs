using System.Net;
using System.Text.Json;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>The control room's commands reach the locks: over the API, through the driver, to a simulated cabinet over TCP.</summary>
public abstract class ControlRoomEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_remote_release_unlocks_the_slot_an_emergency_opens_everything_and_a_lock_down_locks_it_again()
    {
        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        var alice = await Rig.Person("alice");

        await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/slots/2/remote-release", new { personId = alice.PersonId, reason = "badge at home" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await Cabinet.WhenUnlocked(2, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var custody = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/2");

        await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/emergency-open", new { reason = "fire alarm", minutes = 10 }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await Cabinet.WhenUnlocked(Protocol.Messages.OutputAction.Door, HardwareRig.Within());
        await Cabinet.WhenUnlocked(5, HardwareRig.Within());
        await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/lockdown", new { reason = "all clear, secure it" })).Read<JsonElement>(HttpStatusCode.OK);
        await Cabinet.WaitUntilAsync(c => !c.Door.IsUnlocked && !c.Slot(5).IsUnlocked, HardwareRig.Within());

        Assert.Equal(("out", alice.PersonId), (custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
    }
}

public sealed class SqliteControlRoomEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : ControlRoomEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresControlRoomEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : ControlRoomEndToEndSpecs<PostgresTestDatabase>(fixture);
