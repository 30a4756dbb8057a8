using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>
/// The read-side rows that concern one person beyond their custody history (which <see cref="CustodyQueries.AllHistory"/>
/// streams): what a subject-access export lists, unpaged, oldest first. The map of what is kept where is in
/// docs/architecture.md "Personal data".
/// </summary>
public sealed class PersonalDataQueries(ReadDatabase database)
{
    public Task<List<AlarmRow>> Alarms(string personId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<AlarmRow>().Where(a => a.PersonId == personId).OrderBy(a => a.AlarmId).ToListAsync(ct), cancellationToken);

    /// <summary>The requests the person filed, or was named to decide.</summary>
    public Task<List<ApprovalRequestRow>> Approvals(string personId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<ApprovalRequestRow>().Where(r => r.PersonId == personId || r.ApproverPerson == personId)
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.RequestId).ToListAsync(ct), cancellationToken);

    /// <summary>The notices about the person queued for a subscription, sent or not.</summary>
    public Task<List<DeliveryRow>> Notifications(string personId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<DeliveryRow>().Where(d => d.PersonId == personId).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.DeliveryId)
            .ToListAsync(ct), cancellationToken);
}
