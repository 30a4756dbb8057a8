using System.Net;
using System.Text.Json;
using FleetKeys.Protocol.Messages;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Moving a cabinet's board to another bus address over TCP to the simulator: the driver gives the device the key for its
/// new address and then osdp_COMSET, the device answers there only, the move is recorded and the cabinet's wiring follows,
/// and badges work at the new address; when the link breaks between COMSET and its COM, the device is found at its new
/// address all the same.
/// </summary>
public abstract class DeviceMoveEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private const int NewAddress = 0x30;

    private string ControllerPath => $"/api/v1/controllers/{Rig.Controller.ControllerId}";

    private async Task Move()
    {
        var asked = await (await Rig.Admin.Post($"{ControllerPath}/devices/{Cabinet.BusAddress}/move", new { address = NewAddress }))
            .Read<JsonElement>(HttpStatusCode.Accepted);
        Assert.Contains(asked.GetProperty("keys").EnumerateArray(),
            k => k.GetProperty("movingTo") is { ValueKind: JsonValueKind.Object } to && to.GetProperty("address").GetInt32() == NewAddress);
    }

    /// <summary>The cabinet answers at the new address, is wired there on the controller and in its own record, on generation 1 there.</summary>
    private async Task Moved() => await Eventually.Holds(async () =>
    {
        Assert.Equal(NewAddress, Cabinet.BusAddress);
        var controller = await Rig.Get<JsonElement>(ControllerPath);
        Assert.Equal(NewAddress, Assert.Single(controller.GetProperty("cabinets").EnumerateArray()).GetProperty("busAddress").GetInt32());
        var key = Assert.Single(controller.GetProperty("keys").EnumerateArray());
        Assert.Equal((NewAddress, 1, JsonValueKind.Null),
            (key.GetProperty("busAddress").GetInt32(), key.GetProperty("generation").GetInt32(), key.GetProperty("movingTo").ValueKind));
        Assert.Equal(NewAddress, (await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}")).GetProperty("busAddress").GetInt32());
    });

    [Fact]
    public async Task A_board_moved_to_another_address_answers_there_on_its_new_key_its_cabinet_follows_and_badges_work()
    {
        await Move();

        await Moved();
        await Eventually.Holds(async () =>
        {
            var audit = await Rig.Get<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString($"controller-{Rig.Controller.ControllerId}")}");
            var rows = audit.GetProperty("items").EnumerateArray().ToList();
            var asked = Assert.Single(rows, r => r.GetProperty("type").GetString() == "controller.device-move-requested.v1");
            Assert.Equal("bootstrap-admin", asked.GetProperty("event").GetProperty("Move").GetProperty("By").GetString());
            Assert.Single(rows, r => r.GetProperty("type").GetString() == "controller.device-moved.v1");
        });
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
    }

    [Fact]
    public async Task A_COM_lost_with_the_link_leaves_the_device_found_at_its_new_address_and_the_move_recorded()
    {
        Rig.Relay.CutBeforeReplyTo((byte)CommandCode.CommunicationSet);

        await Move();
        await Rig.Relay.ArmedCutMade.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(NewAddress, Cabinet.BusAddress);
        Rig.Relay.Resume();

        await Moved();
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
        Assert.Equal(0, (await Rig.Get<JsonElement>(ControllerPath)).GetProperty("driver").GetProperty("authenticationFailures").GetInt64());
    }
}

public sealed class SqliteDeviceMoveEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : DeviceMoveEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresDeviceMoveEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : DeviceMoveEndToEndSpecs<PostgresTestDatabase>(fixture);
