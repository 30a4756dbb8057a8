using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>
/// What a caller may read of the read side: everything, or what lies at these sites (a region's sites are listed) or
/// belongs to these key groups. Applied in the query, before paging, so a page and its total count only what is visible.
/// </summary>
public sealed record Visibility(IReadOnlyList<string>? Sites, IReadOnlyList<string> KeyGroups)
{
    public static readonly Visibility Everything = new(null, []);

    public bool All => Sites is null;
}

public static class VisibleRows
{
    public static IQueryable<SiteRow> Visible(this IQueryable<SiteRow> rows, Visibility v)
    {
        var (all, sites) = (v.All, v.Sites ?? []);
        return rows.Where(s => all || sites.Contains(s.SiteId));
    }

    public static IQueryable<CabinetRow> Visible(this IQueryable<CabinetRow> rows, Visibility v)
    {
        var (all, sites) = (v.All, v.Sites ?? []);
        return rows.Where(c => all || sites.Contains(c.SiteId));
    }

    public static IQueryable<CustodyRow> Visible(this IQueryable<CustodyRow> rows, DataConnection db, Visibility v)
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(k => all || groups.Contains(k.KeyGroup) || db.GetTable<CabinetRow>().Any(c => c.CabinetId == k.CabinetId && sites.Contains(c.SiteId)));
    }

    public static IQueryable<CustodyHistoryRow> Visible(this IQueryable<CustodyHistoryRow> rows, DataConnection db, Visibility v)
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(h => all || groups.Contains(h.KeyGroup) || db.GetTable<CabinetRow>().Any(c => c.CabinetId == h.CabinetId && sites.Contains(c.SiteId)));
    }

    /// <summary>An alarm is visible by its cabinet's site, or by the group of the key in its slot; one of no cabinet only to everything.</summary>
    public static IQueryable<AlarmRow> Visible(this IQueryable<AlarmRow> rows, DataConnection db, Visibility v)
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(a => all
            || db.GetTable<CabinetRow>().Any(c => c.CabinetId == a.CabinetId && sites.Contains(c.SiteId))
            || db.GetTable<CustodyRow>().Any(k => k.CabinetId == a.CabinetId && k.Slot == a.Slot && groups.Contains(k.KeyGroup)));
    }
}
