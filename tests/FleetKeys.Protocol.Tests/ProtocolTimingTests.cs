namespace FleetKeys.Protocol.Tests;

public sealed class ProtocolTimingTests
{
    [Fact]
    public void Reconnect_delays_grow_to_the_cap_with_jitter()
    {
        var random = new Random(5);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var step = TimeSpan.FromTicks(Math.Min(ProtocolTiming.ReconnectMaxDelay.Ticks,
                ProtocolTiming.ReconnectInitialDelay.Ticks << Math.Min(attempt, 20)));
            var delay = ProtocolTiming.ReconnectDelay(attempt, random);
            Assert.InRange(delay, step / 2, step);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolTiming.ReconnectDelay(-1, random));
    }
}
