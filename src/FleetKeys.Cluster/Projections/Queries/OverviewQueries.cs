using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>Which cabinets the fleet overview shows: <c>Search</c> is part of the cabinet's id; <c>State</c> narrows to one condition.</summary>
public sealed record OverviewFilter(string? SiteId = null, string? Search = null, CabinetCondition? State = null)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public enum CabinetCondition
{
    Online,
    Offline,
    /// <summary>Open alarms, keys overdue or keys missing: something a person should look at.</summary>
    Attention,
    LockedDown,
}

/// <summary>A cabinet with its keys counted: out (held), overdue (held past their due time), missing (gone without a release).</summary>
public sealed record CabinetOverview(CabinetRow Cabinet, int Keys, int Out, int Overdue, int Missing, int OpenAlarms);

public sealed record SiteOverview(SiteRow Site, int Cabinets, int Online, int Keys, int Out, int Overdue, int Missing, int OpenAlarms);

/// <summary>The fleet at a glance, site by site and a page of cabinets at a time; "now" (for overdue) is the caller's clock.</summary>
public sealed class OverviewQueries(ReadDatabase database)
{
    public Task<Paged<CabinetOverview>> Cabinets(OverviewFilter filter, Paging paging, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(now);
        var (state, search) = (filter.State, filter.Search);
        return database.Query((db, ct) =>
        {
            var custody = db.GetTable<CustodyRow>();
            var alarms = db.GetTable<AlarmRow>();
            return db.GetTable<CabinetRow>().Visible(filter.Visible)
                .Where(c => filter.SiteId == null || c.SiteId == filter.SiteId)
                .Where(c => search == null || c.CabinetId.Contains(search))
                .Where(c => state != CabinetCondition.Online || c.Online)
                .Where(c => state != CabinetCondition.Offline || !c.Online)
                .Where(c => state != CabinetCondition.LockedDown || c.LockdownReason != null)
                .Where(c => state != CabinetCondition.Attention
                            || alarms.Any(a => a.CabinetId == c.CabinetId && a.ClearedAt == null)
                            || custody.Any(k => k.CabinetId == c.CabinetId && (k.Status == nameof(CustodyStatus.Missing)
                                || (k.Status == nameof(CustodyStatus.Out) && k.DueAt != null && k.DueAt <= at))))
                .OrderBy(c => c.CabinetId)
                .Select(c => new CabinetOverview(c,
                    custody.Count(k => k.CabinetId == c.CabinetId),
                    custody.Count(k => k.CabinetId == c.CabinetId && k.Status == nameof(CustodyStatus.Out)),
                    custody.Count(k => k.CabinetId == c.CabinetId && k.Status == nameof(CustodyStatus.Out) && k.DueAt != null && k.DueAt <= at),
                    custody.Count(k => k.CabinetId == c.CabinetId && k.Status == nameof(CustodyStatus.Missing)),
                    alarms.Count(a => a.CabinetId == c.CabinetId && a.ClearedAt == null)))
                .ToPaged(paging, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Every site <paramref name="visible"/> shows with its cabinets and keys counted: one pass over the custody and alarm tables,
    /// not one per site.
    /// </summary>
    public Task<List<SiteOverview>> Sites(DateTimeOffset now, Visibility visible, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(now);
        return database.Query(async (db, ct) =>
        {
            var sites = await db.GetTable<SiteRow>().Visible(visible).OrderBy(s => s.SiteId).ToListAsync(ct);
            var cabinets = await db.GetTable<CabinetRow>().GroupBy(c => c.SiteId)
                .Select(g => new { Site = g.Key, Cabinets = g.Count(), Online = g.Count(c => c.Online) }).ToListAsync(ct);
            var keys = await (from k in db.GetTable<CustodyRow>()
                    join c in db.GetTable<CabinetRow>() on k.CabinetId equals c.CabinetId
                    group k by c.SiteId into g
                    select new
                    {
                        Site = g.Key, Keys = g.Count(),
                        Out = g.Count(k => k.Status == nameof(CustodyStatus.Out)),
                        Overdue = g.Count(k => k.Status == nameof(CustodyStatus.Out) && k.DueAt != null && k.DueAt <= at),
                        Missing = g.Count(k => k.Status == nameof(CustodyStatus.Missing)),
                    }).ToListAsync(ct);
            var alarms = await (from a in db.GetTable<AlarmRow>()
                    join c in db.GetTable<CabinetRow>() on a.CabinetId equals c.CabinetId
                    where a.ClearedAt == null
                    group a by c.SiteId into g
                    select new { Site = g.Key, Open = g.Count() }).ToListAsync(ct);
            return sites.Select(s =>
            {
                var c = cabinets.FirstOrDefault(x => x.Site == s.SiteId);
                var k = keys.FirstOrDefault(x => x.Site == s.SiteId);
                return new SiteOverview(s, c?.Cabinets ?? 0, c?.Online ?? 0, k?.Keys ?? 0, k?.Out ?? 0, k?.Overdue ?? 0, k?.Missing ?? 0,
                    alarms.FirstOrDefault(x => x.Site == s.SiteId)?.Open ?? 0);
            }).ToList();
        }, cancellationToken);
    }
}
