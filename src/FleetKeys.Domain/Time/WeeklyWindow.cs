namespace FleetKeys.Domain.Time;

/// <summary>
/// A recurring window of local time, e.g. Mon-Fri 07:00-19:00. A window whose end is not after its start
/// crosses midnight and belongs to the day it starts on (Fri 22:00-06:00 covers Saturday 05:00).
/// </summary>
public sealed record WeeklyWindow(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To) : IFleetKeysMessage
{
    public bool Equals(WeeklyWindow? other) =>
        other is not null && From == other.From && To == other.To && Days.SequenceEqual(other.Days);

    public override int GetHashCode() => Days.Aggregate(HashCode.Combine(From, To), (hash, d) => HashCode.Combine(hash, d));

    public bool Contains(DateTime local) => OccurrenceStart(local) is not null;

    /// <summary>
    /// The local date on which the occurrence covering <paramref name="local"/> began, or null when none covers it:
    /// the day a holiday must fall on to close it (Friday's night shift is closed by a Friday holiday, not a Saturday one).
    /// </summary>
    public DateOnly? OccurrenceStart(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(local);
        if (From < To) return Days.Contains(local.DayOfWeek) && time >= From && time < To ? today : null;
        if (Days.Contains(local.DayOfWeek) && time >= From) return today;
        return Days.Contains(local.AddDays(-1).DayOfWeek) && time < To ? today.AddDays(-1) : null;
    }
}
