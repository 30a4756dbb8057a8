using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public sealed record AuditFilter(string? PersistenceId, long? From, long? To)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed class AuditQueries(ReadDatabase database)
{
    public Task<Paged<AuditRow>> List(AuditFilter filter, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => Matching(db, filter).OrderBy(r => r.Seq).ToPaged(paging, ct), cancellationToken);

    public async IAsyncEnumerable<AuditRow> All(AuditFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var page = await database.Query((db, ct) => Matching(db, filter).Where(r => r.Seq > after).OrderBy(r => r.Seq)
                .Take(Paging.MaxPageSize).ToListAsync(ct), cancellationToken);
            foreach (var row in page) yield return row;
            if (page.Count < Paging.MaxPageSize) yield break;
            after = page[^1].Seq;
        }
    }

    private static IQueryable<AuditRow> Matching(LinqToDB.Data.DataConnection db, AuditFilter f) =>
        db.GetTable<AuditRow>().Visible(db, f.Visible)
            .Where(r => f.PersistenceId == null || r.PersistenceId == f.PersistenceId)
            .Where(r => f.From == null || r.RecordedAt >= f.From)
            .Where(r => f.To == null || r.RecordedAt < f.To);
}
