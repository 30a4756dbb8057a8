using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>
/// How long custody history stays readable (issue #23, point 3): <c>Period</c> everywhere (null: kept for ever) unless a
/// site has its own in <c>Sites</c>, which wins there. With only sites' own periods, only those sites' history is shredded
/// (and no history of a fact that names no site).
/// </summary>
public sealed record RetentionPolicy(TimeSpan? Period, IReadOnlyDictionary<SiteId, TimeSpan> Sites)
{
    /// <summary>The retention of history facts at <paramref name="site"/> (null: facts that name no site); null to keep them.</summary>
    public TimeSpan? For(SiteId? site) => site is { } known && Sites.TryGetValue(known, out var own) ? own : Period;

    /// <summary>
    /// What a look at <paramref name="at"/> cuts: each site with its own period at its own cut-off, then — when there is a
    /// global period — every other site and the facts naming none (<c>Site</c> null) at the global cut-off.
    /// </summary>
    public IReadOnlyList<RetentionCut> Cuts(DateTimeOffset at) =>
    [
        .. Sites.OrderBy(s => s.Key.Value, StringComparer.Ordinal).Select(s => new RetentionCut(s.Key, at - s.Value)),
        .. Period is { } period ? [new RetentionCut(null, at - period)] : Array.Empty<RetentionCut>(),
    ];
}

/// <summary>
/// One cut of a look: the history of periods wholly before <c>CutOff</c> goes, at <c>Site</c> — or, <c>Site</c> null, at
/// every site without a period of its own and in facts naming no site.
/// </summary>
public sealed record RetentionCut(SiteId? Site, DateTimeOffset CutOff)
{
    public int FirstKept => HistoryPeriod.FirstKept(CutOff);
}
