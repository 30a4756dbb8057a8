using FleetKeys.Driver.Cabinets;

namespace FleetKeys.Driver.Tests;

/// <summary>Online is what this driver sees now, never what the cluster believed before it started.</summary>
public sealed class LivenessSpecs
{
    private static readonly DateTimeOffset Started = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_cabinet_is_unknown_until_heard_and_its_first_answer_makes_it_online_once()
    {
        var liveness = new Liveness();
        Assert.Null(liveness.Online);

        Assert.True(liveness.Heard(Started.AddSeconds(1)));
        Assert.False(liveness.Heard(Started.AddSeconds(2)));
        Assert.True(liveness.Online);
    }

    [Fact]
    public void A_cabinet_never_heard_goes_offline_the_offline_timeout_after_the_driver_started()
    {
        var liveness = new Liveness();

        Assert.False(liveness.Silent(Started + OfflineAfter, Started, OfflineAfter));
        Assert.True(liveness.Silent(Started + OfflineAfter + TimeSpan.FromMilliseconds(1), Started, OfflineAfter));
        Assert.False(liveness.Online);
        Assert.False(liveness.WasHeard);
    }

    [Fact]
    public void A_cabinet_goes_offline_the_offline_timeout_after_its_last_answer_and_is_reported_once()
    {
        var liveness = new Liveness();
        var last = Started.AddSeconds(30);
        liveness.Heard(last);

        Assert.False(liveness.Silent(last + OfflineAfter, Started, OfflineAfter));
        Assert.True(liveness.Silent(last + OfflineAfter + TimeSpan.FromMilliseconds(1), Started, OfflineAfter));
        Assert.False(liveness.Silent(last + OfflineAfter * 3, Started, OfflineAfter));
        Assert.True(liveness.WasHeard);
    }

    [Fact]
    public void An_offline_cabinet_that_answers_again_is_online_again()
    {
        var liveness = new Liveness();
        liveness.Silent(Started + OfflineAfter * 2, Started, OfflineAfter);

        Assert.True(liveness.Heard(Started + OfflineAfter * 3));
        Assert.True(liveness.Online);
    }

    [Fact]
    public void Silence_the_driver_excused_does_not_count_towards_the_offline_timeout()
    {
        var liveness = new Liveness();
        liveness.Heard(Started);
        var resumed = Started.AddMinutes(10);

        liveness.Excuse(resumed);

        Assert.False(liveness.Silent(resumed + OfflineAfter, Started, OfflineAfter));
        Assert.True(liveness.Silent(resumed + OfflineAfter + TimeSpan.FromMilliseconds(1), Started, OfflineAfter));
    }

    [Fact]
    public void A_change_stays_unconfirmed_until_the_cluster_takes_it()
    {
        var liveness = new Liveness();
        Assert.Null(liveness.Unconfirmed);

        liveness.Heard(Started);
        Assert.True(liveness.Unconfirmed);
        liveness.Answered(online: true, accepted: false);
        Assert.True(liveness.Unconfirmed);
        liveness.Answered(online: true, accepted: true);
        Assert.Null(liveness.Unconfirmed);

        liveness.Silent(Started + OfflineAfter * 2, Started, OfflineAfter);
        Assert.False(liveness.Unconfirmed);
    }

    [Fact]
    public void An_answer_about_a_state_since_replaced_confirms_nothing()
    {
        var liveness = new Liveness();
        liveness.Heard(Started);
        liveness.Silent(Started + OfflineAfter * 2, Started, OfflineAfter);

        liveness.Answered(online: true, accepted: true);

        Assert.False(liveness.Unconfirmed);
    }
}
