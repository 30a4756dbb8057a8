namespace FleetKeys.Domain.Retention;

/// <summary>Asks the retention's singleton about its last finished look.</summary>
public sealed record GetRetentionLook : IFleetKeysMessage;

/// <summary>
/// The retention's last finished look: its time (null before the first has finished) and how many period keys it
/// destroyed (0 when it found none). Whoever waits for a look — a spec after advancing the clock — waits for this.
/// </summary>
public sealed record RetentionLook(DateTimeOffset? At, int KeysDestroyed) : IFleetKeysMessage;
