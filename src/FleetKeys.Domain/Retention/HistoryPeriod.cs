using System.Globalization;

namespace FleetKeys.Domain.Retention;

/// <summary>
/// The stretch of custody history that shares one key per person, so retention can shred it whole: a calendar year, UTC.
/// A fact's period comes from its own time (never from the clock when it is written), so a fact read back and written
/// again seals to the same text.
/// </summary>
public static class HistoryPeriod
{
    public static int Of(DateTimeOffset at) => at.UtcDateTime.Year;

    public static DateTimeOffset StartOf(int period) => new(period, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The first period still kept at <paramref name="cutOff"/>: every earlier one ended on or before it. A period the
    /// cut-off falls inside is kept whole, so nothing younger than the retention is ever shredded.
    /// </summary>
    public static int FirstKept(DateTimeOffset cutOff) => Of(cutOff);

    public static string Text(int period) => period.ToString(CultureInfo.InvariantCulture);
}
