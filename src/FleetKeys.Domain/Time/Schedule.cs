namespace FleetKeys.Domain.Time;

/// <summary>
/// When an entitlement applies, in the site's local time. No windows means always. A scheduled entitlement is closed
/// on the site's holidays; an unscheduled one is not, since "always" carries no notion of working days.
/// </summary>
public sealed record Schedule(IReadOnlyList<WeeklyWindow> Windows) : IFleetKeysMessage
{
    public static readonly Schedule Always = new([]);

    /// <summary>Value equality over the windows, so an unchanged schedule is recognised and not recorded again.</summary>
    public bool Equals(Schedule? other) => other is not null && Windows.SequenceEqual(other.Windows);

    public override int GetHashCode() => Windows.Aggregate(0, (hash, w) => HashCode.Combine(hash, w));

    public bool IsOpen(DateTimeOffset at, TimeZoneInfo zone, IReadOnlyCollection<DateOnly>? holidays = null)
    {
        if (Windows.Count == 0) return true;
        var local = SiteTime.LocalTime(at, zone);
        return Windows.Any(w => w.OccurrenceStart(local) is { } day && holidays?.Contains(day) != true);
    }
}
