namespace FleetKeys.Domain.Time;

/// <summary>When an entitlement applies, in the site's local time. No windows means always.</summary>
public sealed record Schedule(IReadOnlyList<WeeklyWindow> Windows) : IFleetKeysMessage
{
    public static readonly Schedule Always = new([]);

    public bool IsOpen(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (Windows.Count == 0) return true;
        var local = SiteTime.LocalTime(at, zone);
        return Windows.Any(w => w.Contains(local));
    }
}
