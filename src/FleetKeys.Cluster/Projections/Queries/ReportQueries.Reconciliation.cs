using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Text;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public enum DiscrepancyStatusFilter
{
    /// <summary>Not resolved yet.</summary>
    Open,
    Resolved,
    All,
}

/// <summary>
/// Which discrepancies: by status, site and cabinet; with a period, only those open at some time within [From, To) — found
/// before its end and not resolved before its start. Times are UTC ticks.
/// </summary>
public sealed record DiscrepancyFilter(DiscrepancyStatusFilter Status, string? SiteId = null, string? CabinetId = null, long? From = null, long? To = null)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

/// <summary>A discrepancy with the cabinet's site and the id of the key homed in the slot its tag belongs to (when there is one).</summary>
public sealed record ListedDiscrepancy(DiscrepancyRow Discrepancy, string? SiteId, string? KeyId)
{
    /// <summary>The CSV's columns, the same for the API's download and the mailed report.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["id", "cabinetId", "siteId", "slot", "kind", "tag", "key", "keyId", "foundAt", "resolvedAt", "resolvedHow"];

    /// <summary>The row's fields in <see cref="Header"/>'s order, kinds named as the API's JSON names them.</summary>
    public object?[] Fields()
    {
        var d = Discrepancy;
        return [d.Ordering, d.CabinetId, SiteId, d.Slot, WireNames.CamelCase(d.Kind), d.TagId, d.KeySlotId, KeyId, Ticks.Instant(d.FoundAt),
            Ticks.Instant(d.ResolvedAt), d.ResolvedHow is { } how ? WireNames.CamelCase(how) : null];
    }
}

/// <summary>The reconciliation report: inventory discrepancies across the fleet, in the order they were found.</summary>
public sealed partial class ReportQueries
{
    public Task<Paged<ListedDiscrepancy>> Discrepancies(DiscrepancyFilter filter, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => Discrepancies(db, filter, 0).ToPaged(paging, ct), cancellationToken);

    /// <summary>Every matching discrepancy, read a page at a time, for exports and mailed reports of any length.</summary>
    public async IAsyncEnumerable<ListedDiscrepancy> AllDiscrepancies(DiscrepancyFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var page = await database.Query((db, ct) => Discrepancies(db, filter, after).Take(Paging.MaxPageSize).ToListAsync(ct), cancellationToken);
            foreach (var row in page) yield return row;
            if (page.Count < Paging.MaxPageSize) yield break;
            after = page[^1].Discrepancy.Ordering;
        }
    }

    private static IQueryable<ListedDiscrepancy> Discrepancies(LinqToDB.Data.DataConnection db, DiscrepancyFilter f, long after) =>
        from d in db.GetTable<DiscrepancyRow>().VisibleSlots(db, f.Visible)
        where d.Ordering > after
        where f.Status != DiscrepancyStatusFilter.Open || d.ResolvedAt == null
        where f.Status != DiscrepancyStatusFilter.Resolved || d.ResolvedAt != null
        where f.From == null || d.ResolvedAt == null || d.ResolvedAt >= f.From
        where f.To == null || d.FoundAt < f.To
        where f.CabinetId == null || d.CabinetId == f.CabinetId
        from c in db.GetTable<CabinetRow>().Where(c => c.CabinetId == d.CabinetId).DefaultIfEmpty()
        where f.SiteId == null || c.SiteId == f.SiteId
        from k in db.GetTable<CustodyRow>().Where(k => k.SlotId == d.KeySlotId).DefaultIfEmpty()
        orderby d.Ordering
        select new ListedDiscrepancy(d, c == null ? null : c.SiteId, k == null ? null : k.KeyId);
}
