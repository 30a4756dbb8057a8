using System.Text.Json;
using FleetKeys.Protocol;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Cuts, restarts and offline periods between a node and a controller: afterwards the cluster's custody matches the
/// physical cabinet, and every event the controller logged is persisted exactly once.
/// </summary>
public abstract class CabinetFaultSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private HardwareRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _rig = await HardwareRig.StartAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SimulatedCabinet Cabinet => _rig.Cabinet;

    private async Task<(string Status, string? Holder)> Custody(int slot)
    {
        var view = await _rig.Get<JsonElement>($"/api/v1/cabinets/{_rig.CabinetId}/slots/{slot}");
        return (view.GetProperty("status").GetString()!, view.GetProperty("holder").GetString());
    }

    private async Task<int> Count(int slot, string type) =>
        (await _rig.Get<JsonElement>($"/api/v1/cabinets/{_rig.CabinetId}/slots/{slot}/history")).EnumerateArray()
        .Count(e => e.GetProperty("type").GetString() == type);

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_release_loses_nothing()
    {
        var alice = await _rig.Person("alice");
        await _rig.Release(alice, 2);

        _rig.Relay.Cut();
        Assert.True(Cabinet.TakeKey(2));
        _rig.Relay.Resume();
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", "alice"), await Custody(2));
        Assert.Equal(1, await Count(2, "KeyTaken"));
    }

    [Fact]
    public async Task A_restarted_controller_is_authenticated_again_and_serves()
    {
        var bob = await _rig.Person("bob");
        await _rig.Release(bob, 1);
        Assert.True(Cabinet.TakeKey(1));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        await _rig.RestartController();
        await Cabinet.WhenOnline(HardwareRig.Within());
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Count > 0, HardwareRig.Within());
        await _rig.Release(bob, 3);
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", "bob"), await Custody(3));
    }

    [Fact]
    public async Task A_restarted_node_drives_its_controllers_again()
    {
        var carol = await _rig.Person("carol");
        await _rig.Release(carol, 4);
        Assert.True(Cabinet.TakeKey(4));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        await _rig.RestartNode(_database);
        Assert.True(Cabinet.ReturnKey(4, Cabinet.Slot(4).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("inSlot", null), await Custody(4));
        Assert.Equal(1, await Count(4, "KeyTaken"));
        Assert.Equal(1, await Count(4, "KeyReturned"));
    }

    [Fact]
    public async Task Takes_and_returns_made_offline_are_persisted_exactly_once_after_reconnection()
    {
        var dave = await _rig.Person("dave", maxKeys: 3);
        await _rig.Release(dave, 5);
        Assert.True(Cabinet.TakeKey(5));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == "dave"), HardwareRig.Within());

        _rig.Relay.Cut();
        _rig.ControllerClock.Advance(ProtocolTiming.OfflineAfter);
        await Cabinet.WhenOffline(HardwareRig.Within());
        Assert.Equal(InputOutcome.Denied, Cabinet.PresentBadge(new ByteString([1, 2, 3, 4])));
        Assert.Equal(InputOutcome.Granted, Cabinet.PresentBadge(dave.Badge));
        Assert.Equal(InputOutcome.Granted, Cabinet.SelectKey(6));
        Assert.True(Cabinet.TakeKey(6));
        Assert.True(Cabinet.ReturnKey(5, Cabinet.Slot(5).HomeTag));
        Assert.True(Cabinet.EventLog.Pending.Count >= 5);

        _rig.Relay.Resume();
        await Cabinet.WhenOnline(HardwareRig.Within());
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", "dave"), await Custody(6));
        Assert.Equal(("inSlot", null), await Custody(5));
        Assert.Equal(1, await Count(6, "KeyTaken"));
        Assert.Equal(1, await Count(5, "KeyReturned"));
        var person = await _rig.Get<JsonElement>("/api/v1/people/dave");
        Assert.Equal([$"{_rig.CabinetId}/6"], person.GetProperty("keysHeld").EnumerateArray().Select(k => k.GetString()));
    }
}

public sealed class SqliteCabinetFaultSpecs : CabinetFaultSpecs<SqliteTestDatabase>;

public sealed class PostgresCabinetFaultSpecs : CabinetFaultSpecs<PostgresTestDatabase>;
