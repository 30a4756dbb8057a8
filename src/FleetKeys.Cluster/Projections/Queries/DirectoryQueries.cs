using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public sealed record CabinetFilter(string? SiteId, string? ControllerId, bool? Online)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed record ControllerListing(ControllerRow Controller, int Cabinets);

/// <summary>The fleet's lists: sites, controllers, cabinets and people, from the read tables.</summary>
public sealed class DirectoryQueries(ReadDatabase database)
{
    public Task<Paged<SiteRow>> Sites(Paging paging, CancellationToken cancellationToken) => Sites(paging, Visibility.Everything, cancellationToken);

    public Task<Paged<SiteRow>> Sites(Paging paging, Visibility visible, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<SiteRow>().Visible(visible).OrderBy(s => s.SiteId).ToPaged(paging, ct), cancellationToken);

    public Task<bool> SiteListed(string siteId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<SiteRow>().AnyAsync(s => s.SiteId == siteId, ct), cancellationToken);

    public Task<Paged<ControllerListing>> Controllers(Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<ControllerRow>().OrderBy(c => c.ControllerId)
            .Select(c => new ControllerListing(c, db.GetTable<CabinetRow>().Count(k => k.ControllerId == c.ControllerId)))
            .ToPaged(paging, ct), cancellationToken);

    public Task<Paged<CabinetRow>> Cabinets(CabinetFilter filter, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<CabinetRow>().Visible(filter.Visible)
            .Where(c => filter.SiteId == null || c.SiteId == filter.SiteId)
            .Where(c => filter.ControllerId == null || c.ControllerId == filter.ControllerId)
            .Where(c => filter.Online == null || c.Online == filter.Online)
            .OrderBy(c => c.CabinetId).ToPaged(paging, ct), cancellationToken);

    public Task<Paged<PersonRow>> People(string? status, Paging paging, CancellationToken cancellationToken) =>
        People(status, null, paging, Visibility.Everything, cancellationToken);

    /// <summary><paramref name="search"/>: part of the person's id or name.</summary>
    public Task<Paged<PersonRow>> People(string? status, string? search, Paging paging, Visibility visible, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<PersonRow>().Visible(db, visible).Where(p => status == null || p.Status == status)
            .Where(p => search == null || p.PersonId.Contains(search) || p.Name.Contains(search))
            .OrderBy(p => p.PersonId).ToPaged(paging, ct), cancellationToken);

    /// <summary>The site of a cabinet, as far as the read side knows; null for one it has not seen (yet).</summary>
    public Task<string?> SiteOf(string cabinetId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<CabinetRow>().Where(c => c.CabinetId == cabinetId).Select(c => c.SiteId)
            .FirstOrDefaultAsync(ct), cancellationToken);
}
