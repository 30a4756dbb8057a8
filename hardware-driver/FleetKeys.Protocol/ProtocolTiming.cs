namespace FleetKeys.Protocol;

/// <summary>
/// The timing both ends are built to (docs/protocol.md, "Timing"), in one place so the driver,
/// the simulator and the document cannot drift apart.
/// </summary>
public static class ProtocolTiming
{
    /// <summary>A controller answers every command within this; after it the driver retransmits.</summary>
    public static TimeSpan ReplyTimeout { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Retransmissions of one command before the driver gives up on the session and starts a new handshake.</summary>
    public const int MaxRetransmissions = 2;

    /// <summary>
    /// The most frames, each to a different bus address, the driver puts in one write: the serial server relays them one by
    /// one on its bus and answers them all within <see cref="ReplyTimeout"/> (a short frame takes a few milliseconds there).
    /// </summary>
    public const int FramesPerWrite = 8;

    /// <summary>How long the driver waits before resending a command that got BUSY.</summary>
    public static TimeSpan BusyRetryDelay { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The gap between polls of an active cabinet; a poll that returned input or events is followed at once.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The gap between polls of a cabinet nobody has used for <see cref="ActivePollWindow"/>: most of a fleet, most of the
    /// time. Well inside <see cref="OfflineAfter"/>, so a quiet cabinet stays online and under the cluster's control.
    /// </summary>
    public static TimeSpan IdlePollInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after its last input, events or session a cabinet is still polled every <see cref="PollInterval"/>.</summary>
    public static TimeSpan ActivePollWindow { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Without a valid reply for this long the driver marks the cabinet offline; without an
    /// authenticated command for this long the controller decides by its offline policy.
    /// </summary>
    public static TimeSpan OfflineAfter { get; } = TimeSpan.FromSeconds(3);

    public static TimeSpan ReconnectInitialDelay { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Kept short: after a failover the new node must have its cabinets back within seconds.</summary>
    public static TimeSpan ReconnectMaxDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Exponential backoff for reconnect attempt <paramref name="attempt"/> (0 = first retry),
    /// with jitter between half and all of the step so that a fleet does not redial in lockstep.
    /// </summary>
    public static TimeSpan ReconnectDelay(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var step = Math.Min(ReconnectMaxDelay.Ticks, ReconnectInitialDelay.Ticks << Math.Min(attempt, 20));
        return TimeSpan.FromTicks(step / 2 + (long)(random.NextDouble() * (step / 2)));
    }
}
