using Akka.Actor;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// One key id, one slot, and one tag, one key: the key id and tag directories decide, and a slot records a key only once
/// both gave it the id and the tag — so two slots assigned one id or one tag at the same moment never both carry it, and
/// either passes to another slot once its slot no longer carries that key. On a real node and database.
/// </summary>
public sealed class KeyIdSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private TestNode _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await TestNode.StartAsync(_database.Settings, _clock);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static KeyDefinition Key(KeyId id, string tag) =>
        new(id, "Van", new KeyGroup("vans"), Criticality.Normal, new TagId(tag), new CustodyPolicy(TimeSpan.FromHours(8), null));

    [Fact]
    public async Task Two_slots_assigned_one_key_id_at_the_same_moment_never_both_carry_it()
    {
        var slots = _node.Region<KeySlotRegion>();
        for (var round = 0; round < 20; round++)
        {
            var key = new KeyId(Fleet.Unique("key"));
            var (first, second) = (new SlotId(new CabinetId(Fleet.Unique("cab")), 1), new SlotId(new CabinetId(Fleet.Unique("cab")), 1));

            var answers = await Task.WhenAll(
                slots.Ask<object>(new AssignKey(first, Key(key, Fleet.Unique("tag")), "UTC", _clock.GetUtcNow()), TimeSpan.FromSeconds(15)),
                slots.Ask<object>(new AssignKey(second, Key(key, Fleet.Unique("tag")), "UTC", _clock.GetUtcNow()), TimeSpan.FromSeconds(15)));
            var carrying = await Task.WhenAll(new[] { first, second }.Select(s => _node.Ask<KeySlotDetails>(slots, new GetCustody(s))));

            Assert.Single(answers.OfType<KeySlotDetails>());
            Assert.Equal(RejectionCode.Conflict, Assert.Single(answers.OfType<Rejection>()).Code);
            Assert.Single(carrying, s => s.Key?.Id == key);
        }
    }

    [Fact]
    public async Task Two_slots_given_keys_with_one_tag_at_the_same_moment_never_both_carry_it_and_the_tag_moves_once_its_key_is_removed()
    {
        var slots = _node.Region<KeySlotRegion>();
        var tag = Fleet.Unique("tag");
        var (first, second) = (new SlotId(new CabinetId(Fleet.Unique("cab")), 1), new SlotId(new CabinetId(Fleet.Unique("cab")), 1));

        var answers = await Task.WhenAll(
            slots.Ask<object>(new AssignKey(first, Key(new KeyId(Fleet.Unique("key")), tag), "UTC", _clock.GetUtcNow()), TimeSpan.FromSeconds(15)),
            slots.Ask<object>(new AssignKey(second, Key(new KeyId(Fleet.Unique("key")), tag), "UTC", _clock.GetUtcNow()), TimeSpan.FromSeconds(15)));

        Assert.Equal(RejectionCode.Conflict, Assert.Single(answers.OfType<Rejection>()).Code);
        var holder = Assert.Single(answers.OfType<KeySlotDetails>());
        var other = holder.Slot == first ? second : first;
        Assert.Null((await _node.Ask<KeySlotDetails>(slots, new GetCustody(other))).Key);

        Assert.IsType<KeySlotDetails>(await slots.Ask<object>(new RemoveKey(holder.Slot, "spec", _clock.GetUtcNow()), TimeSpan.FromSeconds(15)));
        var moved = await slots.Ask<object>(new AssignKey(other, Key(new KeyId(Fleet.Unique("key")), tag), "UTC", _clock.GetUtcNow()), TimeSpan.FromSeconds(15));
        Assert.Equal(new TagId(tag), Assert.IsType<KeySlotDetails>(moved).Key!.Tag);
    }
}
