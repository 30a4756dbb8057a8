namespace FleetKeys.Cluster.Notifications;

/// <summary>A daily stretch of local time in which a subscription is not disturbed; one whose end is not after its start crosses midnight.</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    public bool Covers(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(at, zone).TimeOfDay);
        return From < To ? local >= From && local < To : local >= From || local < To;
    }
}
