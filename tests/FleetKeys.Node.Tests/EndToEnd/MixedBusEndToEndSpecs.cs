using System.Net;
using System.Text.Json;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A mixed bus over real TCP (docs/protocol.md, "A mixed bus"): a cabinet made of a stock OSDP reader, which takes the badge
/// and PIN and shows what the person is to do, and a FleetKeys board at another address, which holds the keys.
/// </summary>
public abstract class MixedBusEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    protected override Task<HardwareRig> StartRig(NodeApp node) =>
        HardwareRig.StartOn(node, requiresPin: true, layout: new FleetLayout(1, 1, 3, StockReaders: true));

    private async Task<string?> CustodyOf(int slot) =>
        (await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}")).GetProperty("status").GetString();

    [Fact]
    public async Task A_badge_and_PIN_at_the_stock_reader_release_a_key_at_the_board_and_its_take_and_return_become_custody()
    {
        var alice = await Rig.Person("alice", pin: "4711");
        var reader = Rig.Reader;

        reader.PresentBadge(alice.Badge);
        await reader.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
        reader.EnterPin("4711#");
        await reader.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), HardwareRig.Within());
        Cabinet.SelectKey(2);
        await Cabinet.WhenUnlocked(2, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var taken = await CustodyOf(2);

        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(2).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", "inSlot"), (taken, await CustodyOf(2)));
        Assert.Null(Cabinet.Text);
        Assert.Contains((byte)0, reader.Shown.Leds.Keys);
    }

    [Fact]
    public async Task A_stock_reader_moved_to_another_address_takes_badges_and_PINs_there_and_its_cabinet_follows()
    {
        var alice = await Rig.Person("alice", pin: "4711");
        var controllerPath = $"/api/v1/controllers/{Rig.Controller.ControllerId}";

        await (await Rig.Admin.Post($"{controllerPath}/devices/{Rig.Reader.BusAddress}/move", new { address = 0x50 })).Read<JsonElement>(HttpStatusCode.Accepted);

        await Eventually.Holds(async () =>
        {
            Assert.Equal(0x50, Rig.Reader.BusAddress);
            var controller = await Rig.Get<JsonElement>(controllerPath);
            Assert.Equal(0x50, Assert.Single(controller.GetProperty("cabinets").EnumerateArray()).GetProperty("readerAddress").GetInt32());
            Assert.All(controller.GetProperty("keys").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("movingTo").ValueKind));
        });
        Rig.Reader.PresentBadge(alice.Badge);
        await Rig.Reader.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
        Rig.Reader.EnterPin("4711#");
        await Rig.Reader.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), HardwareRig.Within());
    }

    [Fact]
    public async Task A_refusal_is_shown_and_sounded_at_the_stock_reader()
    {
        var bob = await Rig.Person("bob", pin: "1111");

        Rig.Reader.PresentBadge(bob.Badge);
        await Rig.Reader.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
        Rig.Reader.EnterPin("9999#");

        Assert.Equal("Wrong PIN", await Rig.Reader.WhenText(t => t == "Wrong PIN", HardwareRig.Within()));
        Assert.NotNull(Rig.Reader.Shown.Buzzer);
        Assert.Equal(0, Rig.Reader.Counters.Naks);
    }
}

public sealed class SqliteMixedBusEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : MixedBusEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresMixedBusEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : MixedBusEndToEndSpecs<PostgresTestDatabase>(fixture);
