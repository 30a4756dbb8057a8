namespace FleetKeys.Domain.Time;

/// <summary>
/// Wall-clock arithmetic in a site's time zone. Deadlines such as "back by 17:00" are local times,
/// but every instant we persist is UTC; the DST edge cases are resolved here, once.
/// </summary>
public static class SiteTime
{
    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public static bool IsKnownZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);

    public static DateTime LocalTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant at which the wall clock of <paramref name="zone"/> shows <paramref name="local"/>.
    /// A time skipped by a spring-forward change maps to the first instant after the gap (the clock jumps past it);
    /// a time repeated by a fall-back change maps to its first occurrence, the earlier and therefore stricter deadline.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The first minute the clock shows after the jump is the end of the gap: the earliest instant
            // at which the wall clock reads the requested time or later.
            var afterGap = local;
            while (zone.IsInvalidTime(afterGap)) afterGap = afterGap.AddMinutes(1);
            afterGap = afterGap.AddTicks(-(afterGap.Ticks % TimeSpan.TicksPerMinute));
            return new DateTimeOffset(afterGap, zone.GetUtcOffset(afterGap));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the daylight one, which is the earlier of the two instants.
            var daylight = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, daylight);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The first instant strictly after <paramref name="after"/> at which the local clock reads <paramref name="time"/>.</summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset after, TimeOnly time, TimeZoneInfo zone)
    {
        var localDate = LocalTime(after, zone).Date;
        for (var day = 0; day < 3; day++)
        {
            var local = localDate.AddDays(day).Add(time.ToTimeSpan());
            // On a fall-back day the time occurs twice; once the first has passed, the second is the next one.
            IEnumerable<DateTimeOffset> candidates = zone.IsAmbiguousTime(local)
                ? zone.GetAmbiguousTimeOffsets(local).Select(o => new DateTimeOffset(local, o)).Order()
                : [ToInstant(local, zone)];
            foreach (var candidate in candidates)
                if (candidate > after) return candidate;
        }

        throw new InvalidOperationException("no occurrence within three days; the zone data is inconsistent");
    }
}
