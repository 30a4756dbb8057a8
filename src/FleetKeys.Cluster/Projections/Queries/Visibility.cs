using FleetKeys.Cluster.Entities;
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

    /// <summary>Whether an item at <paramref name="site"/> (null: of no site) about a key of <paramref name="group"/> is visible.</summary>
    public bool Shows(string? site, string? group) => All || site is not null && Sites!.Contains(site) || group is not null && KeyGroups.Contains(group);
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

    /// <summary>A key's row (now, or a change in its history) is visible by its cabinet's site or by its key group.</summary>
    public static IQueryable<T> Visible<T>(this IQueryable<T> rows, DataConnection db, Visibility v) where T : class, IKeyAtCabinet
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(k => all || groups.Contains(k.KeyGroup) || db.GetTable<CabinetRow>().Any(c => c.CabinetId == k.CabinetId && sites.Contains(c.SiteId)));
    }

    /// <summary>A slot's row (a fault, a discrepancy, an approval request) is visible by its cabinet's site, or by the group of the key homed there.</summary>
    public static IQueryable<T> VisibleSlots<T>(this IQueryable<T> rows, DataConnection db, Visibility v) where T : class, ISlotOfCabinet
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(r => all
            || db.GetTable<CabinetRow>().Any(c => c.CabinetId == r.CabinetId && sites.Contains(c.SiteId))
            || db.GetTable<CustodyRow>().Any(k => k.CabinetId == r.CabinetId && k.Slot == r.Slot && groups.Contains(k.KeyGroup)));
    }

    /// <summary>An alarm is visible by its cabinet's site, or by the group of the key in its slot; one of no cabinet only to everything.</summary>
    public static IQueryable<AlarmRow> Visible(this IQueryable<AlarmRow> rows, DataConnection db, Visibility v)
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        return rows.Where(a => all
            || db.GetTable<CabinetRow>().Any(c => c.CabinetId == a.CabinetId && sites.Contains(c.SiteId))
            || db.GetTable<CustodyRow>().Any(k => k.CabinetId == a.CabinetId && k.Slot == a.Slot && groups.Contains(k.KeyGroup)));
    }

    /// <summary>
    /// A person is visible when an entitlement lets them take keys at a visible site (at one of its cabinets, at the whole site,
    /// or everywhere) or of a visible key group, or when they hold a visible key now.
    /// </summary>
    public static IQueryable<PersonRow> Visible(this IQueryable<PersonRow> rows, DataConnection db, Visibility v)
    {
        var (all, sites, groups) = (v.All, v.Sites ?? [], v.KeyGroups);
        var anySite = sites.Count > 0;
        var keys = db.GetTable<CustodyRow>().Visible(db, v);
        return rows.Where(p => all
            || db.GetTable<PersonPlaceRow>().Any(e => e.PersonId == p.PersonId && (
                groups.Contains(e.KeyGroup!)
                || anySite && e.SiteId == null && e.CabinetId == null
                || sites.Contains(e.SiteId!)
                || db.GetTable<CabinetRow>().Any(c => c.CabinetId == e.CabinetId && sites.Contains(c.SiteId))))
            || keys.Any(k => k.Holder == p.PersonId));
    }

    /// <summary>
    /// An audit entry is visible when it is about a visible site, cabinet, slot or person (by the journal it comes from); the
    /// rest (controllers, alarms, credentials, grants, ...) only to everything.
    /// </summary>
    public static IQueryable<AuditRow> Visible(this IQueryable<AuditRow> rows, DataConnection db, Visibility v)
    {
        if (v.All) return rows;
        var sites = db.GetTable<SiteRow>().Visible(v).Select(s => PersistenceIds.SitePrefix + s.SiteId);
        var cabinets = db.GetTable<CabinetRow>().Visible(v).Select(c => PersistenceIds.CabinetPrefix + c.CabinetId);
        var slots = db.GetTable<CustodyRow>().Visible(db, v).Select(k => PersistenceIds.KeySlotPrefix + k.SlotId);
        var people = db.GetTable<PersonRow>().Visible(db, v).Select(p => PersistenceIds.PersonPrefix + p.PersonId);
        return rows.Where(r => sites.Contains(r.PersistenceId) || cabinets.Contains(r.PersistenceId) || slots.Contains(r.PersistenceId)
                               || people.Contains(r.PersistenceId));
    }
}
