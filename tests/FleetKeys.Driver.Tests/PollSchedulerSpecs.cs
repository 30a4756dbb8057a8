using FleetKeys.Driver.Polling;

namespace FleetKeys.Driver.Tests;

/// <summary>Which cabinet on a bus is polled next, and when.</summary>
public sealed class PollSchedulerSpecs
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Cabinets_take_turns_in_address_order_whatever_order_they_were_attached_in()
    {
        var polls = new PollScheduler([5, 1, 3], Interval);

        Assert.Equal([1, 3, 5, 1, 3, 5, 1], Enumerable.Range(0, 7).Select(_ => polls.Next()));
    }

    [Fact]
    public void While_any_cabinet_has_work_the_next_exchange_follows_at_once()
    {
        Assert.Equal(TimeSpan.Zero, new PollScheduler([1, 2, 3, 4], Interval).RestAfterExchange(anyWork: true));
    }

    [Fact]
    public void An_idle_bus_polls_each_cabinet_once_per_poll_interval()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(50), new PollScheduler([1, 2, 3, 4], Interval).RestAfterExchange(anyWork: false));
        Assert.Equal(Interval, new PollScheduler([9], Interval).RestAfterExchange(anyWork: false));
    }

    [Fact]
    public void A_controller_without_cabinets_has_nothing_to_poll()
    {
        Assert.True(new PollScheduler([], Interval).IsEmpty);
        Assert.False(new PollScheduler([1], Interval).IsEmpty);
    }
}
