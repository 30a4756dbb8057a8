using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

public static class ProjectionOffsets
{
    public static async Task<long> Load(DataConnection db, string projection, CancellationToken cancellationToken = default) =>
        await db.GetTable<ProjectionOffsetRow>().Where(o => o.Name == projection).Select(o => (long?)o.Ordering)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;

    public static Task Save(DataConnection db, string projection, long ordering, CancellationToken cancellationToken) =>
        db.InsertOrReplaceAsync(new ProjectionOffsetRow { Name = projection, Ordering = ordering }, token: cancellationToken);

    public static Task Forget(DataConnection db, string projection, CancellationToken cancellationToken) =>
        db.GetTable<ProjectionOffsetRow>().Where(o => o.Name == projection).DeleteAsync(cancellationToken);
}
