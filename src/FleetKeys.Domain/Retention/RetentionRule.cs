using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>One cabinet's period keys of one period still in the key store at a look, and the cabinet's site then (null: not known).</summary>
public sealed record LiveKeys(CabinetId Cabinet, SiteId? Site, int Period, int Keys);

/// <summary>A daily look at the key store (issue #23, point 3): the period keys still there, by cabinet and period.</summary>
public sealed record RetentionDue(IReadOnlyList<LiveKeys> Live, DateTimeOffset At);

/// <summary>
/// Retention's decision for one site (<c>Site</c> null: cabinets of no known site, under the global period): the custody
/// history of <c>Periods</c> (calendar years, all ended by <c>CutOff</c>, now less the site's retention) at
/// <c>Cabinets</c> is shredded by destroying <c>Keys</c> period keys.
/// </summary>
public sealed record SiteRetention(SiteId? Site, DateTimeOffset CutOff, IReadOnlyList<int> Periods, IReadOnlyList<CabinetId> Cabinets, int Keys);

/// <summary>
/// Retention's decision, recorded before the keys are destroyed: per site, its cut-off, periods, cabinets and keys;
/// <c>KeysDestroyed</c> in all. In the audit like every fact.
/// </summary>
public sealed record RetentionApplied(IReadOnlyList<SiteRetention> Sites, int KeysDestroyed, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// What a look decides: each cabinet's keys of periods wholly before its site's cut-off (<see cref="RetentionPolicy.For"/>)
/// go, named per site. A look that finds none records nothing, so a run after a complete one adds nothing to the audit.
/// Keys found but not all destroyed (the node stopped in between) are found again by the next look and recorded again:
/// the audit never misses a destruction.
/// </summary>
public static class RetentionRule
{
    public static IReadOnlyList<RetentionApplied> Decide(RetentionPolicy policy, RetentionDue due)
    {
        var sites = due.Live
            .Select(live => (Live: live, CutOff: due.At - policy.For(live.Site)))
            .Where(k => k.CutOff is { } cutOff && k.Live.Period < HistoryPeriod.FirstKept(cutOff))
            .GroupBy(k => k.Live.Site)
            .OrderBy(g => g.Key?.Value, StringComparer.Ordinal)
            .Select(g => new SiteRetention(g.Key, g.First().CutOff!.Value, [.. g.Select(k => k.Live.Period).Distinct().Order()],
                [.. g.Select(k => k.Live.Cabinet).Distinct().OrderBy(c => c.Value, StringComparer.Ordinal)], g.Sum(k => k.Live.Keys)))
            .ToList();
        return sites.Count == 0 ? [] : [new RetentionApplied(sites, sites.Sum(s => s.Keys), due.At)];
    }
}
