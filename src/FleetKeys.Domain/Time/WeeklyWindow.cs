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

    public bool Contains(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (From < To) return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        return (Days.Contains(local.DayOfWeek) && time >= From)
               || (Days.Contains(local.AddDays(-1).DayOfWeek) && time < To);
    }
}
