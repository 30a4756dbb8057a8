using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>Which keys to list: every filter is optional; <c>Statuses</c> empty means any; <c>Search</c> is part of the key's id, name, group or tag.</summary>
public sealed record KeyFilter(
    string? KeyId = null, string? PersonId = null, string? CabinetId = null, string? SiteId = null, string? Group = null,
    string? Criticality = null, IReadOnlyList<string>? Statuses = null, string? Search = null)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed record HistoryFilter(string? KeyId, string? PersonId, string? CabinetId, long? From, long? To)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed record KeyGroupSummary(string Group, int Keys, int Out, int Missing);

/// <summary>Keys, key groups, custody now and custody history, from the custody projection.</summary>
public sealed class CustodyQueries(ReadDatabase database)
{
    /// <summary>Not in their slot: held by someone, or gone without a release.</summary>
    public static readonly IReadOnlyList<string> Away = [nameof(CustodyStatus.Out), nameof(CustodyStatus.Missing)];

    public Task<Paged<CustodyRow>> Keys(KeyFilter filter, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => Matching(db, filter).OrderBy(k => k.CabinetId).ThenBy(k => k.Slot).ToPaged(paging, ct), cancellationToken);

    /// <summary>Where every key of the group is homed, unpaged: a group's rules are changed on all of its keys.</summary>
    public Task<List<CustodyRow>> OfGroup(string group, CancellationToken cancellationToken) =>
        database.Query((db, ct) => Matching(db, new KeyFilter(Group: group)).OrderBy(k => k.CabinetId).ThenBy(k => k.Slot).ToListAsync(ct), cancellationToken);

    /// <summary>Each key group with its keys counted, of the keys <paramref name="visible"/> shows.</summary>
    public Task<List<KeyGroupSummary>> Groups(Visibility visible, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<CustodyRow>().Visible(db, visible).GroupBy(k => k.KeyGroup).OrderBy(g => g.Key)
            .Select(g => new KeyGroupSummary(g.Key, g.Count(),
                g.Count(k => k.Status == nameof(CustodyStatus.Out)), g.Count(k => k.Status == nameof(CustodyStatus.Missing))))
            .ToListAsync(ct), cancellationToken);

    public Task<Paged<CustodyHistoryRow>> History(HistoryFilter filter, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => Matching(db, filter).OrderBy(h => h.Ordering).ToPaged(paging, ct), cancellationToken);

    /// <summary>Every matching change in order, read a page at a time, for exports of any length.</summary>
    public async IAsyncEnumerable<CustodyHistoryRow> AllHistory(HistoryFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var page = await database.Query((db, ct) => Matching(db, filter).Where(h => h.Ordering > after).OrderBy(h => h.Ordering)
                .Take(Paging.MaxPageSize).ToListAsync(ct), cancellationToken);
            foreach (var row in page) yield return row;
            if (page.Count < Paging.MaxPageSize) yield break;
            after = page[^1].Ordering;
        }
    }

    private static IQueryable<CustodyRow> Matching(LinqToDB.Data.DataConnection db, KeyFilter f)
    {
        var statuses = f.Statuses ?? [];
        return db.GetTable<CustodyRow>().Visible(db, f.Visible)
            .Where(k => f.KeyId == null || k.KeyId == f.KeyId)
            .Where(k => f.PersonId == null || k.Holder == f.PersonId)
            .Where(k => f.CabinetId == null || k.CabinetId == f.CabinetId)
            .Where(k => f.SiteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == k.CabinetId && c.SiteId == f.SiteId))
            .Where(k => f.Group == null || k.KeyGroup == f.Group)
            .Where(k => f.Criticality == null || k.Criticality == f.Criticality)
            .Where(k => statuses.Count == 0 || statuses.Contains(k.Status))
            .Where(k => f.Search == null || k.KeyId.Contains(f.Search) || k.KeyName.Contains(f.Search) || k.KeyGroup.Contains(f.Search)
                        || k.TagId.Contains(f.Search));
    }

    private static IQueryable<CustodyHistoryRow> Matching(LinqToDB.Data.DataConnection db, HistoryFilter f) =>
        db.GetTable<CustodyHistoryRow>().Visible(db, f.Visible)
            .Where(h => f.KeyId == null || h.KeyId == f.KeyId)
            .Where(h => f.PersonId == null || h.PersonId == f.PersonId || h.ReturnedBy == f.PersonId || h.HandedFrom == f.PersonId
                        || h.AnsweredBy == f.PersonId)
            .Where(h => f.CabinetId == null || h.CabinetId == f.CabinetId)
            .Where(h => f.From == null || h.At >= f.From)
            .Where(h => f.To == null || h.At < f.To);
}
