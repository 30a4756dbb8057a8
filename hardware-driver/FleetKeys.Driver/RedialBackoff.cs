using FleetKeys.Protocol;

namespace FleetKeys.Driver;

/// <summary>
/// How long the driver waits before dialling a controller again: exponential with jitter, capped
/// (<see cref="ProtocolTiming.ReconnectDelay"/>), and back to the first step only once a connection has authenticated. A
/// TCP connect alone proves nothing: a controller that fails authentication, or a port that accepts and closes at once,
/// must keep backing off instead of being redialled several times a second.
/// </summary>
internal sealed class RedialBackoff(Random jitter)
{
    /// <summary>Far past the cap already; counting on would only overflow one day.</summary>
    private const int MaxSteps = 30;

    private int _failures;

    public TimeSpan NextDelay()
    {
        var delay = ProtocolTiming.ReconnectDelay(_failures, jitter);
        _failures = Math.Min(_failures + 1, MaxSteps);
        return delay;
    }

    /// <summary>A connection authenticated (or the driver starts afresh): the next trouble is redialled quickly again.</summary>
    public void Reset() => _failures = 0;
}
