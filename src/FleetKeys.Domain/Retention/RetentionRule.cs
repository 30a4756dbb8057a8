using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>Period keys a look counted (and marked for itself) at one site (null: facts naming no site) and period.</summary>
public sealed record CountedKeys(SiteId? Site, int Period, int Keys);

/// <summary>A daily look at the key store (issue #23, point 3): the period keys it counted past their site's retention.</summary>
public sealed record RetentionDue(IReadOnlyList<CountedKeys> Counted, DateTimeOffset At);

/// <summary>
/// Retention's decision for one site (<c>Site</c> null: facts naming no site, under the global period): the custody
/// history of <c>Periods</c> (calendar years, all ended by <c>CutOff</c>, now less the site's retention) there is shredded
/// by destroying <c>Keys</c> period keys.
/// </summary>
public sealed record SiteRetention(SiteId? Site, DateTimeOffset CutOff, IReadOnlyList<int> Periods, int Keys);

/// <summary>
/// Retention's decision, recorded before the keys are destroyed: per site, its cut-off, periods and keys;
/// <c>KeysDestroyed</c> in all. In the audit like every fact.
/// </summary>
public sealed record RetentionApplied(IReadOnlyList<SiteRetention> Sites, int KeysDestroyed, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// What a look decides: the counted keys of periods wholly before their site's cut-off (<see cref="RetentionPolicy.For"/>)
/// go, named per site. A look that finds none records nothing, so a run after a complete one adds nothing to the audit.
/// Keys found but not all destroyed (the node stopped in between) are found again by the next look and recorded again:
/// the audit never misses a destruction.
/// </summary>
public static class RetentionRule
{
    public static IReadOnlyList<RetentionApplied> Decide(RetentionPolicy policy, RetentionDue due)
    {
        var sites = due.Counted
            .Select(counted => (Counted: counted, CutOff: due.At - policy.For(counted.Site)))
            .Where(k => k.CutOff is { } cutOff && k.Counted.Keys > 0 && k.Counted.Period < HistoryPeriod.FirstKept(cutOff))
            .GroupBy(k => k.Counted.Site)
            .OrderBy(g => g.Key?.Value, StringComparer.Ordinal)
            .Select(g => new SiteRetention(g.Key, g.First().CutOff!.Value, [.. g.Select(k => k.Counted.Period).Distinct().Order()], g.Sum(k => k.Counted.Keys)))
            .ToList();
        return sites.Count == 0 ? [] : [new RetentionApplied(sites, sites.Sum(s => s.Keys), due.At)];
    }
}
