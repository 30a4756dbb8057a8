using System.Text.Json;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Cuts, restarts and offline periods between a node and a controller: afterwards the cluster's custody matches the
/// physical cabinet, and every event the controller logged is persisted exactly once.
/// </summary>
public abstract class CabinetFaultSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private Task<(string Status, string? Holder)> Custody(int slot) => Custody(Rig, slot);

    private static async Task<(string Status, string? Holder)> Custody(HardwareRig rig, int slot)
    {
        var view = await rig.Get<JsonElement>($"/api/v1/cabinets/{rig.CabinetId}/slots/{slot}");
        return (view.GetProperty("status").GetString()!, view.GetProperty("holder").GetString());
    }

    private Task<int> Count(int slot, string type) => Count(Rig, slot, type);

    private static async Task<int> Count(HardwareRig rig, int slot, string type) =>
        (await rig.Get<JsonElement>($"/api/v1/cabinets/{rig.CabinetId}/slots/{slot}/history")).EnumerateArray()
        .Count(e => e.GetProperty("type").GetString() == type);

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_release_loses_nothing()
    {
        var alice = await Rig.Person("alice");
        await Rig.Release(alice, 2);

        Rig.Relay.Cut();
        Assert.True(Cabinet.TakeKey(2));
        Rig.Relay.Resume();
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", alice.PersonId), await Custody(2));
        Assert.Equal(1, await Count(2, "keyslot.taken.v1"));
    }

    /// <summary>
    /// The load-test smoke's lost answer: the reply carrying the card read never reached the driver, which started a new
    /// session — here on a new connection. The controller reports the badge again there (docs/protocol.md, "Live input").
    /// </summary>
    [Fact]
    public async Task A_badge_whose_card_read_was_lost_with_the_connection_is_answered_after_it()
    {
        var grace = await Rig.Person("grace");
        Rig.Relay.CutReplyWith((byte)ReplyCode.CardData);
        Cabinet.PresentBadge(grace.Badge);
        await Rig.Relay.ArmedCutMade.WaitAsync(HardwareRig.Within());
        Rig.Relay.Resume();

        await Cabinet.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), HardwareRig.Within());
    }

    /// <summary>The person's session at the cabinet is the cluster's, not the connection's: a cut between badge and key choice costs nothing.</summary>
    [Fact]
    public async Task A_person_welcomed_before_the_connection_is_cut_chooses_their_key_after_it()
    {
        var heidi = await Rig.Person("heidi");
        Cabinet.PresentBadge(heidi.Badge);
        if (heidi.Pin is { } pin)
        {
            await Cabinet.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
            Cabinet.EnterPin(pin + "#");
        }

        await Cabinet.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), HardwareRig.Within());

        Rig.Relay.Cut();
        Rig.Relay.Resume();
        Cabinet.SelectKey(3);

        await Cabinet.WhenUnlocked(3, HardwareRig.Within());
    }

    [Fact]
    public async Task A_reconnected_cabinet_keeps_its_allow_list_and_gets_only_what_changed_meanwhile()
    {
        var erin = await Rig.Person("erin");
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == erin.PersonId), HardwareRig.Within());
        using var watching = new CancellationTokenSource();
        // Checked after every change the cabinet applies: a reload that began with a clear would show here.
        var dropped = Cabinet.WaitUntilAsync(c => !c.AllowList.Entries.Values.Any(e => e.PersonId == erin.PersonId), watching.Token);

        Rig.Relay.Cut();
        Rig.ControllerClock.Advance(ProtocolTiming.OfflineAfter);
        await Cabinet.WhenOffline(HardwareRig.Within());
        var frank = await Rig.Person("frank");
        Rig.Relay.Resume();
        await Cabinet.WhenOnline(HardwareRig.Within());
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == frank.PersonId), HardwareRig.Within());

        Assert.False(dropped.IsCompleted, $"the reconnection emptied the list: {WhyNotGranted(erin.PersonId)}");
        await watching.CancelAsync();
        Assert.Equal(erin.PersonId, Cabinet.AllowList.Entries[erin.Badge].PersonId);
    }

    [Fact]
    public async Task A_restarted_controller_is_authenticated_again_and_serves()
    {
        var bob = await Rig.Person("bob");
        await Rig.Release(bob, 1);
        Assert.True(Cabinet.TakeKey(1));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        await Rig.RestartController();
        await Cabinet.WhenOnline(HardwareRig.Within());
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Count > 0, HardwareRig.Within());
        await Rig.Release(bob, 3);
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", bob.PersonId), await Custody(3));
    }

    /// <summary>The shared node must not be restarted: this spec brings a node and a database of its own.</summary>
    [Fact]
    public async Task A_restarted_node_drives_its_controllers_again()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        try
        {
            await using var rig = await HardwareRig.StartAsync(database);
            var carol = await rig.Person("carol");
            await rig.Release(carol, 4);
            Assert.True(rig.Cabinet.TakeKey(4));
            await rig.Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

            await rig.RestartNode(database);
            Assert.True(rig.Cabinet.ReturnKey(4, rig.Cabinet.Slot(4).HomeTag));
            await rig.Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

            Assert.Equal(("inSlot", null), await Custody(rig, 4));
            Assert.Equal(1, await Count(rig, 4, "keyslot.taken.v1"));
            Assert.Equal(1, await Count(rig, 4, "keyslot.returned.v1"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Takes_and_returns_made_offline_are_persisted_exactly_once_after_reconnection()
    {
        var dave = await Rig.Person("dave", maxKeys: 3);
        await Rig.Release(dave, 5);
        Assert.True(Cabinet.TakeKey(5));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == dave.PersonId), HardwareRig.Within());

        Rig.Relay.Cut();
        Rig.ControllerClock.Advance(ProtocolTiming.OfflineAfter);
        await Cabinet.WhenOffline(HardwareRig.Within());
        Assert.Equal(InputOutcome.Denied, Cabinet.PresentBadge(new ByteString([1, 2, 3, 4])));
        Assert.True(Cabinet.PresentBadge(dave.Badge) == InputOutcome.Granted, WhyNotGranted(dave.PersonId));
        Assert.Equal(InputOutcome.Granted, Cabinet.SelectKey(6));
        Assert.True(Cabinet.TakeKey(6));
        Assert.True(Cabinet.ReturnKey(5, Cabinet.Slot(5).HomeTag));
        Assert.True(Cabinet.EventLog.Pending.Count >= 5);

        Rig.Relay.Resume();
        await Cabinet.WhenOnline(HardwareRig.Within());
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        Assert.Equal(("out", dave.PersonId), await Custody(6));
        Assert.Equal(("inSlot", null), await Custody(5));
        Assert.Equal(1, await Count(6, "keyslot.taken.v1"));
        Assert.Equal(1, await Count(5, "keyslot.returned.v1"));
        var person = await Rig.Get<JsonElement>($"/api/v1/people/{dave.PersonId}");
        Assert.Equal([$"{Rig.CabinetId}/6"], person.GetProperty("keysHeld").EnumerateArray().Select(k => k.GetString()));
    }
}

public sealed class SqliteCabinetFaultSpecs(NodeFixture<SqliteTestDatabase> fixture) : CabinetFaultSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCabinetFaultSpecs(NodeFixture<PostgresTestDatabase> fixture) : CabinetFaultSpecs<PostgresTestDatabase>(fixture);
