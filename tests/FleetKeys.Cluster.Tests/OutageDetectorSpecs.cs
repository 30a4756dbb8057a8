using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Cluster.Tests;

public sealed class OutageDetectorSpecs
{
    private static (OutageDetector, bool) Run(params bool[] pings)
    {
        var detector = new OutageDetector(FailuresForOutage: 2);
        var changed = false;
        foreach (var answered in pings) (detector, changed) = detector.Observe(answered);
        return (detector, changed);
    }

    [Fact]
    public void One_failed_ping_is_not_an_outage()
    {
        var (detector, changed) = Run(true, false);

        Assert.True(detector.Reachable);
        Assert.False(changed);
    }

    [Fact]
    public void Failures_in_a_row_are_an_outage_announced_once()
    {
        var (atSecond, changedAtSecond) = Run(false, false);
        var (atThird, changedAtThird) = Run(false, false, false);

        Assert.False(atSecond.Reachable);
        Assert.True(changedAtSecond);
        Assert.False(atThird.Reachable);
        Assert.False(changedAtThird);
    }

    [Fact]
    public void Failures_broken_by_an_answer_start_counting_again()
    {
        var (detector, _) = Run(false, true, false);

        Assert.True(detector.Reachable);
    }

    [Fact]
    public void One_answer_ends_an_outage()
    {
        var (detector, changed) = Run(false, false, true);

        Assert.True(detector.Reachable);
        Assert.True(changed);
    }
}
