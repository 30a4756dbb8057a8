using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class AllowListTests
{
    private static readonly AllowListEntry First = Entry("01", "p-1");
    private static readonly AllowListEntry Second = Entry("02", "p-1");
    private static readonly AllowListEntry Other = Entry("03", "p-2");

    [Fact]
    public async Task A_purge_removes_every_entry_of_the_person_whatever_the_badge()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        Assert.Equal(new AllowListAck(1), await panel.SendAsync(1, new AllowListUpsert(1, [First, Second, Other])));

        Assert.Equal(new AllowListAck(2), await panel.SendAsync(1, new AllowListPurge(2, "p-1")));

        var list = rig.Cabinet().AllowList;
        Assert.Equal(2u, list.Version);
        Assert.Equal([Other], list.Entries.Values);
    }

    [Fact]
    public async Task Changes_apply_only_at_the_next_version_and_a_clear_always()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        await panel.SendAsync(1, new AllowListUpsert(1, [First]));

        Assert.Equal(new AllowListAck(1), await panel.SendAsync(1, new AllowListUpsert(1, [Second])));
        Assert.Equal(new AllowListAck(1), await panel.SendAsync(1, new AllowListRemove(3, [First.Badge])));
        Assert.Equal([First], cabinet.AllowList.Entries.Values);

        Assert.Equal(new AllowListAck(2), await panel.SendAsync(1, new AllowListUpsert(2, [First with { PersonId = "p-9" }, Other])));
        Assert.Equal("p-9", cabinet.AllowList.Entries[First.Badge].PersonId);
        Assert.Equal(new AllowListAck(3), await panel.SendAsync(1, new AllowListRemove(3, [First.Badge, Second.Badge])));
        Assert.Equal([Other], cabinet.AllowList.Entries.Values);

        Assert.Equal(new AllowListAck(1), await panel.SendAsync(1, new AllowListClear(1)));
        Assert.Empty(cabinet.AllowList.Entries);
        var status = Assert.IsType<ControllerStatus>(await panel.SendAsync(1, new StatusRequest()));
        Assert.Equal(1u, status.AllowListVersion);
    }

    [Fact]
    public async Task The_offline_policy_is_set_by_the_driver()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        Assert.Equal(OfflinePolicy.DenyAll, rig.Cabinet().OfflinePolicy);

        Assert.IsType<Ack>(await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached)));

        Assert.Equal(OfflinePolicy.AllowCached, rig.Cabinet().OfflinePolicy);
    }

    private static AllowListEntry Entry(string badge, string person) =>
        new(ByteString.FromHex(badge), person, null, null, null, SlotSet.Of(1));
}
