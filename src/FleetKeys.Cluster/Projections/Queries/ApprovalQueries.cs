using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>Which approval requests to list: by status (the enum's name), requester, or key.</summary>
public sealed record ApprovalFilter(string? Status, string? PersonId, string? KeyId)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed class ApprovalQueries(ReadDatabase database)
{
    /// <summary>Newest first: the approver looks at what was just asked.</summary>
    public Task<Paged<ApprovalRequestRow>> List(ApprovalFilter f, Paging paging, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<ApprovalRequestRow>().VisibleSlots(db, f.Visible)
            .Where(r => f.Status == null || r.Status == f.Status)
            .Where(r => f.PersonId == null || r.PersonId == f.PersonId)
            .Where(r => f.KeyId == null || r.KeyId == f.KeyId)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.RequestId).ToPaged(paging, ct), cancellationToken);

    public Task<ApprovalRequestRow?> Get(string requestId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<ApprovalRequestRow>().Where(r => r.RequestId == requestId).FirstOrDefaultAsync(ct), cancellationToken);
}
