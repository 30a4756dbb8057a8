using System.Net;
using System.Text.Json;
using FleetKeys.Protocol.Messages;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Key rotation over TCP to the simulator: the driver sends the device its next key in the running session and records it
/// on the acknowledgement; when the link breaks between the KEYSET and its ACK, the device is not lost — the next session
/// finds it on the new key and records that; a rotation asked while the device is unreachable waits for it.
/// </summary>
public abstract class KeyRotationEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private string ControllerPath => $"/api/v1/controllers/{Rig.Controller.ControllerId}";

    private async Task<JsonElement> KeyOfCabinet() =>
        Assert.Single((await Rig.Get<JsonElement>(ControllerPath)).GetProperty("keys").EnumerateArray(),
            k => k.GetProperty("busAddress").GetInt32() == Cabinet.BusAddress);

    private async Task Rotate(int expected)
    {
        var asked = await (await Rig.Admin.Post($"{ControllerPath}/devices/{Cabinet.BusAddress}/rotate-key", new { })).Read<JsonElement>(HttpStatusCode.Accepted);
        Assert.Contains(asked.GetProperty("keys").EnumerateArray(),
            k => k.GetProperty("busAddress").GetInt32() == Cabinet.BusAddress && k.GetProperty("rotatingTo").GetInt32() == expected);
    }

    private async Task InForce(int generation) => await Eventually.Holds(async () =>
    {
        var key = await KeyOfCabinet();
        Assert.Equal(generation, key.GetProperty("generation").GetInt32());
        Assert.Equal(JsonValueKind.Null, key.GetProperty("rotatingTo").ValueKind);
    });

    [Fact]
    public async Task An_online_device_takes_its_next_key_in_its_session_and_works_on_it_afterwards()
    {
        await Rotate(1);

        await InForce(1);
        await Eventually.Holds(async () =>
        {
            var audit = await Rig.Get<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString($"controller-{Rig.Controller.ControllerId}")}");
            var rows = audit.GetProperty("items").EnumerateArray().ToList();
            var asked = Assert.Single(rows, r => r.GetProperty("type").GetString() == "controller.key-rotation-requested.v1");
            Assert.Equal("bootstrap-admin", asked.GetProperty("event").GetProperty("By").GetString());
            Assert.Single(rows, r => r.GetProperty("type").GetString() == "controller.device-key-rotated.v1");
        });
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
    }

    [Fact]
    public async Task A_rotation_asked_while_the_controller_is_cut_off_waits_and_is_carried_out_when_it_is_back()
    {
        Rig.Relay.Cut();
        await Eventually.Holds(async () =>
            Assert.False((await Rig.Get<JsonElement>(ControllerPath)).GetProperty("driver").GetProperty("connected").GetBoolean()));

        await Rotate(1);
        Assert.Equal(1, (await KeyOfCabinet()).GetProperty("rotatingTo").GetInt32());
        Rig.Relay.Resume();

        await InForce(1);
    }

    [Fact]
    public async Task A_KEYSET_whose_ACK_is_lost_with_the_link_leaves_the_device_reachable_on_the_new_key_which_is_recorded()
    {
        Rig.Relay.CutBeforeReplyTo((byte)CommandCode.KeySet);

        await Rotate(1);
        await Rig.Relay.ArmedCutMade.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await KeyOfCabinet()).GetProperty("rotatingTo").GetInt32());
        Rig.Relay.Resume();

        await InForce(1);
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
        var driver = (await Rig.Get<JsonElement>(ControllerPath)).GetProperty("driver");
        Assert.Equal(0, driver.GetProperty("authenticationFailures").GetInt64());
    }
}

public sealed class SqliteKeyRotationEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : KeyRotationEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresKeyRotationEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : KeyRotationEndToEndSpecs<PostgresTestDatabase>(fixture);
