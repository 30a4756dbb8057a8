using FleetKeys.Driver;

namespace FleetKeys.Driver.Tests;

/// <summary>Repeated trouble with a controller is one warning per interval, with a count of what was held back.</summary>
public sealed class LogThrottleSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_first_occurrence_is_logged_at_once()
    {
        Assert.True(new LogThrottle(Interval).ShouldLog(T0, out var heldBack));
        Assert.Equal(0, heldBack);
    }

    [Fact]
    public void Occurrences_within_the_interval_are_held_back_and_counted_on_the_next_line()
    {
        var throttle = new LogThrottle(Interval);
        throttle.ShouldLog(T0, out _);

        var logged = Enumerable.Range(1, 1388).Count(i => throttle.ShouldLog(T0 + TimeSpan.FromMilliseconds(10 * i), out _));

        Assert.Equal(0, logged);
        Assert.True(throttle.ShouldLog(T0 + Interval, out var heldBack));
        Assert.Equal(1388, heldBack);
    }

    [Fact]
    public void After_a_line_the_count_starts_again_and_so_does_the_interval()
    {
        var throttle = new LogThrottle(Interval);
        throttle.ShouldLog(T0, out _);
        throttle.ShouldLog(T0.AddSeconds(1), out _);
        throttle.ShouldLog(T0 + Interval, out _);

        Assert.False(throttle.ShouldLog(T0 + Interval + TimeSpan.FromSeconds(29), out _));
        Assert.True(throttle.ShouldLog(T0 + Interval * 2, out var heldBack));
        Assert.Equal(1, heldBack);
    }
}
