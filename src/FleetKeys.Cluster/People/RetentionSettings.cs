using System.Globalization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Retention;

namespace FleetKeys.Cluster.People;

/// <summary>
/// <c>FleetKeys:Retention</c>: how long custody history stays readable (issue #23, point 3), everywhere and per site. Off
/// unless <see cref="Period"/> or a site's own period is set; see docs/operations.md, "Retention".
/// </summary>
public sealed class RetentionSettings
{
    /// <summary>
    /// Custody history older than this is shredded, a whole calendar year at a time once the year has wholly passed the
    /// cut-off (now less the period). A time span, <c>d.hh:mm:ss</c>: 7 years is <c>2557.00:00:00</c>. Null: kept for
    /// ever, except at the sites in <see cref="Sites"/>.
    /// </summary>
    public TimeSpan? Period { get; set; }

    /// <summary>
    /// <c>FleetKeys:Retention:Sites:{siteId}</c>: a site's own period (a time span as <see cref="Period"/>), which wins
    /// over <see cref="Period"/> for the history that happened there (the site its facts name). Kept as text and read here: the
    /// configuration binder drops a dictionary's value it cannot convert without a word, and a site must not lose its
    /// own period to a typo.
    /// </summary>
    public Dictionary<string, string> Sites { get; set; } = [];

    /// <summary>How often the retention looks for periods past it: daily unless told.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>What is wrong with these settings, for the node to refuse to start with; null when they are fine.</summary>
    public string? Problem() => this switch
    {
        { Period: { } period } when period <= TimeSpan.Zero =>
            $"FleetKeys:Retention:Period must be a positive time span such as 2557.00:00:00 (7 years), not {period}",
        { Every: var every } when every <= TimeSpan.Zero =>
            $"FleetKeys:Retention:Every must be a positive time span such as 1.00:00:00 (daily), not {every}",
        _ => Sites.Select(SiteProblem).FirstOrDefault(p => p is not null),
    };

    /// <summary>The retention to apply; null when it is off.</summary>
    public RetentionPolicy? Policy() => Period is null && Sites.Count == 0
        ? null
        : new RetentionPolicy(Period, Sites.ToDictionary(s => new SiteId(s.Key), s => SitePeriod(s.Value)!.Value));

    private static TimeSpan? SitePeriod(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var period) && period > TimeSpan.Zero ? period : null;

    private static string? SiteProblem(KeyValuePair<string, string> site) =>
        !SiteId.TryParse(site.Key, null, out _) ? $"FleetKeys:Retention:Sites:{site.Key} names no valid site id"
        : SitePeriod(site.Value) is null ? $"FleetKeys:Retention:Sites:{site.Key} must be a positive time span such as 2557.00:00:00 (7 years), not '{site.Value}'"
        : null;
}
