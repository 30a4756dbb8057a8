using FleetKeys.Driver;
using FleetKeys.Protocol;

namespace FleetKeys.Driver.Tests;

/// <summary>How soon a controller is dialled again: backing off until a connection authenticates, never at a connect alone.</summary>
public sealed class RedialBackoffSpecs
{
    /// <summary>The jitter at its largest: each delay is then its whole step.</summary>
    private sealed class Highest : Random
    {
        public override double NextDouble() => 1.0;
    }

    private static List<TimeSpan> Delays(RedialBackoff backoff, int count) => [.. Enumerable.Range(0, count).Select(_ => backoff.NextDelay())];

    [Fact]
    public void Each_failure_in_a_row_doubles_the_delay_up_to_the_cap()
    {
        var delays = Delays(new RedialBackoff(new Highest()), 8);

        Assert.Equal(
            [250, 500, 1000, 2000, 4000, 5000, 5000, 5000],
            delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(ProtocolTiming.ReconnectMaxDelay, delays[^1]);
    }

    [Fact]
    public void Delays_are_jittered_between_half_and_all_of_their_step()
    {
        var random = new Random(11);
        var backoff = new RedialBackoff(random);

        foreach (var (delay, step) in Delays(backoff, 12).Zip(new[] { 250, 500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000, 5000, 5000 }))
            Assert.InRange(delay.TotalMilliseconds, step / 2.0, step);
    }

    [Fact]
    public void Only_an_authenticated_connection_starts_the_backoff_over()
    {
        var backoff = new RedialBackoff(new Highest());
        Delays(backoff, 5);

        // Connecting and failing authentication again and again: the driver asks for the next delay each time, nothing resets it.
        Assert.Equal(ProtocolTiming.ReconnectMaxDelay, backoff.NextDelay());

        backoff.Reset();
        Assert.Equal(ProtocolTiming.ReconnectInitialDelay, backoff.NextDelay());
    }

    [Fact]
    public void A_controller_failing_for_ever_stays_at_the_cap()
    {
        var backoff = new RedialBackoff(new Highest());

        Assert.All(Delays(backoff, 10_000).Skip(6), d => Assert.Equal(ProtocolTiming.ReconnectMaxDelay, d));
    }
}
