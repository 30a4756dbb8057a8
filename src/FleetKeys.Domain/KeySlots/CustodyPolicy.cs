using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// How long a key may stay out: a maximum duration, a local return-by time of day, or both (whichever comes first).
/// With neither, the key has no due time.
/// </summary>
public sealed record CustodyPolicy(TimeSpan? MaxDuration, TimeOnly? ReturnBy) : IFleetKeysMessage
{
    public static readonly CustodyPolicy Unlimited = new(null, null);

    /// <summary>Who is reminded before the due time and told after it; kept apart so the policy's shape stays as it was.</summary>
    public CustodyAlerts Alerts { get; init; } = CustodyAlerts.None;

    public DateTimeOffset? DueAt(DateTimeOffset takenAt, TimeZoneInfo zone)
    {
        DateTimeOffset? byDuration = MaxDuration is { } max ? takenAt + max : null;
        DateTimeOffset? byClock = ReturnBy is { } time ? SiteTime.NextOccurrence(takenAt, time, zone) : null;
        return (byDuration, byClock) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
