using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// An erased person's rows on the read side — or everyone's history past the retention (<see cref="Expire"/>) —
/// pseudonymised at once rather than when each projection meets the erasure: their name and free text go (the rows stay,
/// under their id, so custody and counts are intact) and the notices about them are dropped. A projection rebuilt from the journal makes the same rows, since the fields it reads are sealed
/// and shown as "erased person #id". On SQLite the file's write-ahead log is then folded in and emptied, so no copy of
/// an overwritten page is left there.
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
            await db.GetTable<ApprovalRequestRow>().Where(r => r.PersonId == id)
                .Set(r => r.Reason, (string?)null).Set(r => r.Note, (string?)null).UpdateAsync(cancellationToken);
            await db.GetTable<DeliveryRow>().Where(r => r.PersonId == id).DeleteAsync(cancellationToken);
        }

        await Fold(cancellationToken);
    }

    /// <summary>
    /// Retention: the custody history and approval requests from before <paramref name="before"/> (the start of the first
    /// period kept) lose their free text the same way, for every person; the rows stay, so counts and custody are intact.
    /// </summary>
    public async Task Expire(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await database.EnsureSchema(cancellationToken);
        var ticks = before.UtcTicks;
        await using (var db = database.Open())
        {
            await db.GetTable<CustodyHistoryRow>().Where(r => r.At < ticks && r.Reason != null && r.PersonId != null)
                .Set(r => r.Reason, r => ErasedPerson.LabelPrefix + r.PersonId).UpdateAsync(cancellationToken);
            await db.GetTable<ApprovalRequestRow>().Where(r => r.RequestedAt < ticks && (r.Reason != null || r.Note != null))
                .Set(r => r.Reason, (string?)null).Set(r => r.Note, (string?)null).UpdateAsync(cancellationToken);
        }

        await Fold(cancellationToken);
    }

    private async Task Fold(CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        await Checkpoint(database.Open(), cancellationToken);
        await Checkpoint(database.OpenJournal(), cancellationToken);
    }

    private static async Task Checkpoint(DataConnection connection, CancellationToken cancellationToken)
    {
        await using var db = connection;
        await db.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }
}
