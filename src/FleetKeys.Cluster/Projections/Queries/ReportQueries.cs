using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public sealed record HeldByInactive(CustodyRow Key, PersonRow Person);

public sealed record GroupUsage(string Group, int Takes, int People, int OverdueReturns, int ForcedRemovals, int RemoteReleases);

/// <summary>The control room's standing questions, answered from the read tables; "now" is the caller's clock.</summary>
public sealed class ReportQueries(ReadDatabase database)
{
    public Task<List<CustodyRow>> Overdue(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(now);
        return database.Query((db, ct) => db.GetTable<CustodyRow>()
            .Where(k => k.Status == nameof(CustodyStatus.Out) && k.DueAt != null && k.DueAt <= at)
            .OrderBy(k => k.DueAt).ToListAsync(ct), cancellationToken);
    }

    public Task<List<HeldByInactive>> HeldByInactivePeople(CancellationToken cancellationToken) =>
        database.Query((db, ct) => (
                from k in db.GetTable<CustodyRow>()
                join p in db.GetTable<PersonRow>() on k.Holder equals p.PersonId
                where k.Status == nameof(CustodyStatus.Out) && p.Status != nameof(PersonStatus.Active)
                orderby k.Since
                select new HeldByInactive(k, p))
            .ToListAsync(ct), cancellationToken);

    /// <summary>Keys away from their slot (held or missing) since before <paramref name="before"/>, longest away first.</summary>
    public Task<List<CustodyRow>> NotReturned(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(before);
        return database.Query((db, ct) => db.GetTable<CustodyRow>()
            .Where(k => CustodyQueries.Away.Contains(k.Status) && k.Since != null && k.Since <= at)
            .OrderBy(k => k.Since).ToListAsync(ct), cancellationToken);
    }

    public Task<List<GroupUsage>> UsagePerGroup(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (start, end) = (Ticks.Of(from), Ticks.Of(to));
        return database.Query((db, ct) => db.GetTable<CustodyHistoryRow>()
            .Where(h => h.At >= start && h.At < end)
            .GroupBy(h => h.KeyGroup).OrderBy(g => g.Key)
            .Select(g => new GroupUsage(g.Key,
                g.Count(h => h.Kind == "taken"),
                g.Where(h => h.Kind == "taken").Select(h => h.PersonId).Distinct().Count(),
                g.Count(h => h.Kind == "returned" && h.WasOverdue),
                g.Count(h => h.Kind == "forciblyRemoved"),
                g.Count(h => h.Kind == "remoteReleased")))
            .ToListAsync(ct), cancellationToken);
    }
}
