using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Audit;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// The audit bundle a third party verifies offline (<see cref="AuditBundle"/>): the rows from <c>fromSeq</c> up to the last
/// checkpoint at or before <c>toSeq</c>, and the checkpoints over them. Rows after the last checkpoint are left for the next
/// bundle: nothing yet proves them, and a bundle that ends at a signed head shows a row cut from its end.
/// </summary>
public sealed class AuditExport(ReadDatabase database, AuditKeys keys, TimeProvider clock)
{
    public const string PublicKeyPath = "/api/v1/audit/public-key";

    public async Task<AuditBundle> Bundle(long? fromSeq, long? toSeq, CancellationToken cancellationToken = default)
    {
        await database.EnsureSchema(cancellationToken);
        await using var db = database.Open();
        var from = fromSeq ?? 1;
        var upTo = toSeq ?? long.MaxValue;
        var end = await db.GetTable<AuditCheckpointRow>().Where(c => c.Seq <= upTo).OrderByDescending(c => c.Seq)
            .Select(c => (long?)c.Seq).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var rows = await db.GetTable<AuditRow>().Where(r => r.Seq >= from && r.Seq <= end).OrderBy(r => r.Seq).ToListAsync(cancellationToken);
        var checkpoints = await db.GetTable<AuditCheckpointRow>().Where(c => c.Seq >= from && c.Seq <= end).OrderBy(c => c.Number)
            .ToListAsync(cancellationToken);
        return new AuditBundle(AuditBundle.CurrentFormat, clock.GetUtcNow(), keys.Current.Id, PublicKeyPath,
            rows.ConvertAll(r => r.Link()), checkpoints.ConvertAll(c => c.Checkpoint()));
    }
}
