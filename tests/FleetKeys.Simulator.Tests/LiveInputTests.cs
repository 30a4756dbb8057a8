using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class LiveInputTests
{
    private static readonly ByteString Badge = ByteString.FromHex("1F4A9C40");

    [Fact]
    public async Task A_badge_is_queued_and_reported_as_a_card_read_at_the_next_poll()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();

        Assert.Equal(InputOutcome.Reported, rig.Cabinet().PresentBadge(Badge));
        Assert.Single(rig.Cabinet().PendingInput);

        Assert.Equal(new CardRead(0, CardFormat.RawUnspecified, 32, Badge), await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(1));
        Assert.Empty(rig.Cabinet().PendingInput);
    }

    [Fact]
    public async Task Live_input_comes_oldest_first_one_per_poll_and_before_the_events()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();

        cabinet.PresentBadge(Badge);
        cabinet.EnterPin("4711#");
        cabinet.ForceSlot(2);
        Assert.Equal(InputOutcome.Reported, cabinet.SelectKey(3));

        Assert.IsType<CardRead>(await panel.PollAsync(1));
        Assert.Equal(new KeypadInput(0, "4711#"), await panel.PollAsync(1));
        Assert.Equal(new KeySelected(3), await panel.PollAsync(1));
        var report = Assert.IsType<EventReport>(await panel.PollAsync(1));
        Assert.IsType<TagRemoved>(Assert.Single(report.Events));
    }

    [Fact]
    public async Task Input_the_cluster_never_saw_is_void_once_the_cabinet_is_offline()
    {
        await using var rig = await Rig.StartAsync();
        await rig.OnlineAsync();
        rig.Cabinet().SelectKey(1);

        rig.PassOfflineTimeout();
        await rig.Cabinet().WhenOffline(Rig.Within);

        Assert.Empty(rig.Cabinet().PendingInput);
    }

    [Fact]
    public async Task Input_that_no_poll_could_carry_is_refused_at_once()
    {
        await using var rig = await Rig.StartAsync();

        Assert.Throws<ArgumentException>(() => rig.Cabinet().EnterPin("12a4"));
        Assert.Throws<ArgumentException>(() => rig.Cabinet().PresentBadge(ByteString.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Cabinet().SelectKey(5));
    }
}
