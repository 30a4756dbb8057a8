using System.Text.Json;
using FleetKeys.Simulator.Activity;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>A handover at a simulated cabinet over TCP: the holder badges and chooses the key they hold, the receiver badges.</summary>
public abstract class HandoverEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private async Task Badge(SimulatedPerson person)
    {
        Cabinet.PresentBadge(person.Badge);
        await Cabinet.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
    }

    private async Task Take(SimulatedPerson person, byte slot)
    {
        await Badge(person);
        Cabinet.SelectKey(slot);
        await Cabinet.WhenUnlocked(slot, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(slot));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
    }

    private async Task StartHandover(SimulatedPerson holder, byte slot)
    {
        await Badge(holder);
        Cabinet.SelectKey(slot);
        await Cabinet.WhenText(t => t == "Hand over: receiver badge now", HardwareRig.Within());
    }

    [Fact]
    public async Task The_holder_chooses_the_key_they_hold_and_the_receivers_badge_takes_it_over_unless_over_their_limit()
    {
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");
        var carol = await Rig.Person("carol", maxKeys: 1);
        await Take(alice, 2);
        await Take(carol, 3);

        await StartHandover(alice, 2);
        Cabinet.PresentBadge(bob.Badge);
        await Cabinet.WhenText(t => t == "Key 2 handed over", HardwareRig.Within());
        var handed = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/2");

        await StartHandover(bob, 2);
        Cabinet.PresentBadge(carol.Badge);
        await Cabinet.WhenText(t => t == "Return a key first", HardwareRig.Within());
        var refused = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/2");
        var history = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/2/history");
        var handover = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "keyslot.handed-over.v1").GetProperty("event");

        Assert.Equal(("out", bob.PersonId), (handed.GetProperty("status").GetString(), handed.GetProperty("holder").GetString()));
        Assert.Equal(bob.PersonId, refused.GetProperty("holder").GetString());
        Assert.Equal((alice.PersonId, bob.PersonId, $"cabinet {Rig.CabinetId}"), (handover.GetProperty("from").GetString(), handover.GetProperty("to").GetString(),
            handover.GetProperty("origin").GetProperty("by").GetString()));
        await Eventually.Holds(async () =>
        {
            Assert.Empty((await Rig.Get<JsonElement>($"/api/v1/people/{alice.PersonId}")).GetProperty("keysHeld").EnumerateArray());
            Assert.Single((await Rig.Get<JsonElement>($"/api/v1/people/{bob.PersonId}")).GetProperty("keysHeld").EnumerateArray());
        });
    }
}

public sealed class SqliteHandoverEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : HandoverEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresHandoverEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : HandoverEndToEndSpecs<PostgresTestDatabase>(fixture);
