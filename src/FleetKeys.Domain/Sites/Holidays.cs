using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Sites;

/// <summary>Replaces the site's holiday list (local dates); scheduled entitlements are closed on them.</summary>
public sealed record SetHolidays(SiteId Site, IReadOnlyList<DateOnly> Holidays, DateTimeOffset At, string? By = null) : SiteCommand(Site, At)
{
    /// <summary>Ten years of public holidays and then some; a bound keeps the site's state and every badge's ask small.</summary>
    public const int MaxHolidays = 400;
}

public sealed record HolidaysSet(SiteId Site, IReadOnlyList<DateOnly> Holidays, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : SiteEvent(Site, At);
