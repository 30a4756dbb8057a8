using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>
/// How long custody history stays readable (issue #23, point 3): <c>Period</c> everywhere (null: kept for ever) unless a
/// site has its own in <c>Sites</c>, which wins there. With only sites' own periods, only those sites' history is shredded.
/// </summary>
public sealed record RetentionPolicy(TimeSpan? Period, IReadOnlyDictionary<SiteId, TimeSpan> Sites)
{
    /// <summary>
    /// The retention of history at a cabinet of <paramref name="site"/>; null to keep it. A cabinet whose site is not known
    /// at the look (the read side has not caught up with it) takes the global period only while no site has its own, so
    /// history is never shredded under another site's period: it waits for a later look.
    /// </summary>
    public TimeSpan? For(SiteId? site) => site is { } known
        ? Sites.TryGetValue(known, out var own) ? own : Period
        : Sites.Count == 0 ? Period : null;
}
