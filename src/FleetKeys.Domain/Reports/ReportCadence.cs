using System.Text.Json.Serialization;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.Reports;

/// <summary>
/// When a report goes out: every day, or once a week on <see cref="Weekday"/>, at <see cref="TimeOfDay"/> on the wall clock
/// of a zone. Dates are counted on that clock, not in hours, so a daily 08:00 report stays at 08:00 across a DST change.
/// </summary>
public sealed record ReportCadence(DayOfWeek? Weekday, TimeOnly TimeOfDay) : IFleetKeysMessage
{
    public static ReportCadence Daily(TimeOnly at) => new(null, at);

    public static ReportCadence Weekly(DayOfWeek day, TimeOnly at) => new(day, at);

    /// <summary>How far back a report covering "since the last one" looks when there was no last one.</summary>
    [JsonIgnore]
    public TimeSpan Period => Weekday is null ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>
    /// The first due instant strictly after <paramref name="after"/>. A time the spring-forward change skips goes at the
    /// first instant after the gap; a time the fall-back change repeats goes at its first occurrence only, because the
    /// next one is looked for on a later local date, never later on the same one.
    /// </summary>
    public DateTimeOffset NextDue(DateTimeOffset after, TimeZoneInfo zone)
    {
        var date = DateOnly.FromDateTime(SiteTime.LocalTime(after, zone));
        for (var day = 0; day <= 8; day++)
        {
            var candidate = date.AddDays(day);
            if (Weekday is { } weekday && candidate.DayOfWeek != weekday) continue;
            var due = SiteTime.ToInstant(candidate.ToDateTime(TimeOfDay), zone);
            if (due > after) return due;
        }

        throw new InvalidOperationException("no due instant within eight days; the zone data is inconsistent");
    }
}
