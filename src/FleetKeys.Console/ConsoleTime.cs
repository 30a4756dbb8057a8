using System.Globalization;
using FleetKeys.Domain.Time;

namespace FleetKeys.Console;

/// <summary>Times as the control room reads them: in the site's own time zone, which is named beside them.</summary>
public static class ConsoleTime
{
    public static string Local(DateTimeOffset? instant, string timeZone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, SiteTime.Zone(timeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Utc(DateTimeOffset? instant) =>
        instant is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>"3 h 20 min" — how long ago, or how long until.</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalMinutes < 1 ? "under a minute"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 2 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} days";
    }
}
