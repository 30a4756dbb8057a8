using FleetKeys.Driver.Polling;

namespace FleetKeys.Driver.Tests;

/// <summary>Which cabinet on a bus is polled next, and when: at the full rate while it is in use, less often once it is quiet.</summary>
public sealed class PollSchedulerSpecs
{
    private static readonly PollPacing Pacing = new(
        Interval: TimeSpan.FromMilliseconds(100), IdleInterval: TimeSpan.FromMilliseconds(500), ActiveWindow: TimeSpan.FromSeconds(30));

    private static readonly TimeSpan T0 = TimeSpan.FromHours(1);

    private static TimeSpan Ms(int milliseconds) => T0 + TimeSpan.FromMilliseconds(milliseconds);

    private static bool NoWork(byte _) => false;

    [Fact]
    public void Cabinets_take_turns_in_address_order_whatever_order_they_were_attached_in()
    {
        var polls = new PollScheduler([5, 1, 3], Pacing);

        Assert.Equal([1, 3, 5], Enumerable.Range(0, 3).Select(_ => polls.Next(T0, NoWork)));
        Assert.Null(polls.Next(T0, NoWork));
    }

    [Fact]
    public void A_cabinet_with_work_goes_at_once_whenever_it_was_last_polled()
    {
        var polls = new PollScheduler([1, 2, 3], Pacing);
        for (var i = 0; i < 3; i++) polls.Next(T0, NoWork);

        Assert.Equal((byte)2, polls.Next(Ms(1), a => a == 2));
        Assert.Equal((byte)2, polls.Next(Ms(2), a => a == 2));
    }

    [Fact]
    public void Cabinets_with_work_take_turns_so_none_starves()
    {
        var polls = new PollScheduler([1, 2, 3], Pacing);

        Assert.Equal([1, 2, 3, 1, 2], Enumerable.Range(0, 5).Select(_ => polls.Next(T0, _ => true)));
    }

    [Fact]
    public void A_quiet_cabinet_is_polled_once_per_idle_interval()
    {
        var polls = new PollScheduler([7], Pacing);
        polls.Next(T0, NoWork);

        Assert.Equal(TimeSpan.FromMilliseconds(500), polls.Rest(T0));
        Assert.Null(polls.Next(Ms(499), NoWork));
        Assert.Equal((byte)7, polls.Next(Ms(500), NoWork));
    }

    [Fact]
    public void A_cabinet_in_use_is_polled_every_poll_interval_until_the_active_window_has_passed()
    {
        var polls = new PollScheduler([7], Pacing);
        polls.Next(T0, NoWork);
        polls.Active(7, T0);

        Assert.Equal(TimeSpan.FromMilliseconds(100), polls.Rest(T0));
        Assert.Null(polls.Next(Ms(99), NoWork));
        Assert.Equal((byte)7, polls.Next(Ms(100), NoWork));

        // Its last poll inside the window still comes at the full rate; after that, the idle pace.
        Assert.Equal((byte)7, polls.Next(Ms(29_950), NoWork));
        Assert.Equal((byte)7, polls.Next(Ms(30_050), NoWork));
        Assert.Null(polls.Next(Ms(30_150), NoWork));
        Assert.Equal((byte)7, polls.Next(Ms(30_550), NoWork));
    }

    [Fact]
    public void An_open_session_keeps_the_cabinet_at_the_full_rate_until_it_ends_even_past_the_active_window()
    {
        var polls = new PollScheduler([7], Pacing);
        polls.Next(T0, NoWork);
        polls.Active(7, T0, until: T0 + TimeSpan.FromMinutes(2));

        Assert.Equal((byte)7, polls.Next(Ms(100_000), NoWork));
        Assert.Equal(TimeSpan.FromMilliseconds(100), polls.Rest(Ms(100_000)));
    }

    [Fact]
    public void Later_activity_never_shortens_a_longer_window()
    {
        var polls = new PollScheduler([7], Pacing);
        polls.Next(T0, NoWork);
        polls.Active(7, T0, until: T0 + TimeSpan.FromMinutes(2));
        polls.Active(7, Ms(1));

        Assert.Equal((byte)7, polls.Next(Ms(60_000), NoWork));
        Assert.Equal(TimeSpan.FromMilliseconds(100), polls.Rest(Ms(60_000)));
    }

    [Fact]
    public void The_bus_rests_until_the_earliest_poll_falls_due()
    {
        var polls = new PollScheduler([1, 2], Pacing);
        polls.Next(T0, NoWork);
        polls.Next(Ms(300), NoWork);
        polls.Active(2, Ms(300));

        // Cabinet 1 is due at 500 ms (idle), cabinet 2 at 400 ms (active).
        Assert.Equal(TimeSpan.FromMilliseconds(50), polls.Rest(Ms(350)));
        Assert.Equal((byte)2, polls.Next(Ms(400), NoWork));
        Assert.Equal(TimeSpan.FromMilliseconds(100), polls.Rest(Ms(400)));
        Assert.Equal((byte)1, polls.Next(Ms(500), NoWork));
    }

    [Fact]
    public void The_idle_pace_is_never_faster_than_the_active_one()
    {
        var pacing = PollPacing.From(new DriverSettings { PollInterval = TimeSpan.FromSeconds(1), IdlePollInterval = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(TimeSpan.FromSeconds(1), pacing.IdleInterval);
    }

    [Fact]
    public void A_controller_without_cabinets_has_nothing_to_poll()
    {
        Assert.True(new PollScheduler([], Pacing).IsEmpty);
        Assert.False(new PollScheduler([1], Pacing).IsEmpty);
    }

    [Fact]
    public void The_cabinets_due_share_a_write_each_once_up_to_the_limit_and_the_rest_take_the_next()
    {
        var polls = new PollScheduler([1, 2, 3], Pacing);

        Assert.Equal([1, 2], polls.Due(T0, NoWork, 2));
        Assert.Equal([3], polls.Due(T0, NoWork, 2));
        Assert.Empty(polls.Due(T0, NoWork, 2));
        Assert.Equal([1, 2, 3], polls.Due(T0, _ => true, 8));
    }

    [Fact]
    public void A_cabinet_in_use_is_in_a_write_every_poll_interval_and_the_quiet_ones_join_it_when_their_poll_falls_due()
    {
        var polls = new PollScheduler([1, 2, 3], Pacing);
        polls.Due(T0, NoWork, 8);
        polls.Active(2, T0);

        Assert.Equal([2], polls.Due(Ms(100), NoWork, 8));
        Assert.Equal([2], polls.Due(Ms(200), NoWork, 8));
        Assert.Empty(polls.Due(Ms(299), NoWork, 8));
        Assert.Equal([3, 1, 2], polls.Due(Ms(500), NoWork, 8));
    }
}
