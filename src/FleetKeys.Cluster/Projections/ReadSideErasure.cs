using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// An erased person's rows on the read side — or the history at a site past its retention (<see cref="Expire"/>) —
/// pseudonymised at once rather than when each projection meets the erasure: their name and free text go, the alarms
/// about them included (detail and operators' notes); the rows stay, under their id, so custody and counts are intact;
/// the notices about them are dropped. A projection rebuilt from the journal makes rows to the same effect, since the
/// fields it reads are sealed and shown as "erased person #id" (an alarm's detail is made again around them). On SQLite
/// the file's write-ahead log is then folded in and emptied, so no copy of an overwritten page is left there.
/// </summary>
public sealed class ReadSideErasure(ReadDatabase database, PersistenceSettings settings)
{
    public async Task Erase(PersonId person, CancellationToken cancellationToken)
    {
        await database.EnsureSchema(cancellationToken);
        var id = person.Value;
        await using (var db = database.Open())
        {
            await db.GetTable<PersonRow>().Where(r => r.PersonId == id)
                .Set(r => r.Name, ErasedPerson.Label(id)).Set(r => r.RevocationReason, (string?)null).UpdateAsync(cancellationToken);
            await db.GetTable<CustodyHistoryRow>().Where(r => r.PersonId == id && r.Reason != null)
                .Set(r => r.Reason, ErasedPerson.Label(id)).UpdateAsync(cancellationToken);
            await EraseAlarms(db, id, cancellationToken);
            await db.GetTable<ApprovalRequestRow>().Where(r => r.PersonId == id)
                .Set(r => r.Reason, (string?)null).Set(r => r.Note, (string?)null).UpdateAsync(cancellationToken);
            await db.GetTable<DeliveryRow>().Where(r => r.PersonId == id).DeleteAsync(cancellationToken);
        }

        await Fold(cancellationToken);
    }

    /// <summary>
    /// Retention: the custody history and approval requests whose facts name <paramref name="site"/> (null: facts naming
    /// none), from before <paramref name="before"/> (the start of the first period the site keeps), lose their free text the
    /// same way, for every person, and the approval notices quoting them too; the rows stay, so counts and custody are intact.
    /// </summary>
    public async Task Expire(SiteId? site, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await database.EnsureSchema(cancellationToken);
        var ticks = before.UtcTicks;
        var at = site?.Value;
        await using (var db = database.Open())
        {
            await db.GetTable<CustodyHistoryRow>().Where(r => r.At < ticks && r.SiteId == at && r.Reason != null && r.PersonId != null)
                .Set(r => r.Reason, r => ErasedPerson.LabelPrefix + r.PersonId).UpdateAsync(cancellationToken);
            var expired = db.GetTable<ApprovalRequestRow>().Where(r => r.RequestedAt < ticks && r.SiteId == at && (r.Reason != null || r.Note != null));
            await UnquoteInNotices(db, await expired.ToListAsync(cancellationToken), cancellationToken);
            await expired.Set(r => r.Reason, (string?)null).Set(r => r.Note, (string?)null).UpdateAsync(cancellationToken);
        }

        await Fold(cancellationToken);
    }

    private async Task Fold(CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        await Checkpoint(database.Open(), cancellationToken);
        await Checkpoint(database.OpenJournal(), cancellationToken);
    }

    /// <summary>
    /// The alarms about them lose their detail and the operators' notes (a note the system wrote itself names no one). An
    /// approval notice keeps its detail, which names the request its decision settles it by, less the request's reason
    /// and notes (<see cref="UnquoteInNotices"/>).
    /// </summary>
    private static async Task EraseAlarms(DataConnection db, string id, CancellationToken cancellationToken)
    {
        var label = ErasedPerson.Label(id);
        var alarms = db.GetTable<AlarmRow>();
        var theirs = alarms.Where(a => a.PersonId == id);
        await theirs.Where(a => !ApprovalNotices.Contains(a.Kind)).Set(a => a.Detail, label).UpdateAsync(cancellationToken);
        await theirs.Where(a => a.AcknowledgeNote != null).Set(a => a.AcknowledgeNote, label).UpdateAsync(cancellationToken);
        await theirs.Where(a => a.ClearNote != null && a.ClearedBy != AlarmsProjection.System).Set(a => a.ClearNote, label).UpdateAsync(cancellationToken);
        await UnquoteInNotices(db, await db.GetTable<ApprovalRequestRow>().Where(r => r.PersonId == id).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// An approval notice names the request it is about and quotes its reason and notes — also where it is filed under the
    /// approver —: those quotes become the requester shown as erased, as a rebuild shows them.
    /// </summary>
    private static async Task UnquoteInNotices(DataConnection db, IReadOnlyList<ApprovalRequestRow> requests, CancellationToken cancellationToken)
    {
        var alarms = db.GetTable<AlarmRow>();
        foreach (var request in requests)
        foreach (var text in new[] { request.Reason, request.Note }.OfType<string>().Where(t => t.Length > 0))
        {
            var label = ErasedPerson.Label(request.PersonId);
            await alarms.Where(a => ApprovalNotices.Contains(a.Kind) && a.Detail.Contains(request.RequestId))
                .Set(a => a.Detail, a => a.Detail.Replace(text, label)).UpdateAsync(cancellationToken);
        }
    }

    private static readonly string[] ApprovalNotices = [nameof(AlarmKind.ApprovalRequested), nameof(AlarmKind.ApprovalDecided)];

    private static async Task Checkpoint(DataConnection connection, CancellationToken cancellationToken)
    {
        await using var db = connection;
        await db.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }
}
