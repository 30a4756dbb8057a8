using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// The read side's tables: a projection's rows and its offset commit in one transaction here. On PostgreSQL this is the
/// journal's database; on SQLite a file of its own (<see cref="PersistenceSettings.ResolveReadConnectionString"/>). The
/// journal stays the truth: the read side can always be rebuilt from it.
/// </summary>
public sealed class ReadDatabase(PersistenceSettings settings)
{
    private readonly bool _postgres = settings.Provider == DatabaseProvider.Postgres;

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveReadConnectionString());

    private readonly DataOptions _journal = DatabaseConnections.For(settings, settings.ResolveConnectionString());

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public DataConnection Open() => new(_options);

    /// <summary>The journal's own database, for the few reads that need its head rather than the projections' rows.</summary>
    public DataConnection OpenJournal() => new(_journal);

    /// <summary>Creates the tables and indexes once per process, one node at a time (<see cref="SchemaCreation"/>).</summary>
    public async Task EnsureSchema(CancellationToken cancellationToken = default)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await SchemaCreation.OneNodeAtATime(settings, settings.ResolveReadConnectionString(), () => CreateSchema(cancellationToken), cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task CreateSchema(CancellationToken cancellationToken)
    {
        await using var db = Open();
        // Readers (lists, reports) must not wait for the projections' writes; WAL is a property of the file, set once.
        if (!_postgres) await db.ExecuteAsync("PRAGMA journal_mode=WAL", cancellationToken);
        await Create<ProjectionOffsetRow>(db, cancellationToken);
        await Create<SiteRow>(db, cancellationToken);
        await Create<ControllerRow>(db, cancellationToken);
        await Create<CabinetRow>(db, cancellationToken);
        await Create<CustodyRow>(db, cancellationToken, "cabinet_id", "holder", "key_group", "key_id");
        await MissingColumns.Add(db, _postgres, "rm_custody", "placed_in", "TEXT NULL", cancellationToken);
        await Create<CustodyHistoryRow>(db, cancellationToken, "slot_id", "cabinet_id", "person_id", "key_id", "occurred_at");
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "placed_in", "TEXT NULL", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "handed_from", "TEXT NULL", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "odometer_km", "INTEGER NULL", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "fuel_percent", "INTEGER NULL", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "damaged", "BOOLEAN NULL", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "answered_by", "TEXT NULL", cancellationToken);
        // Facts named their site only from this version on, so every row made before has none: no rebuild is needed.
        await MissingColumns.Add(db, _postgres, "rm_custody_history", "site_id", "TEXT NULL", cancellationToken);
        await Create<FaultRow>(db, cancellationToken, "cleared_at");
        await Create<ApprovalRequestRow>(db, cancellationToken, "person_id", "slot_id", "status");
        await MissingColumns.Add(db, _postgres, "rm_approval_requests", "site_id", "TEXT NULL", cancellationToken);
        await Create<PersonRow>(db, cancellationToken);
        await Create<PersonPlaceRow>(db, cancellationToken, "person_id");
        await Create<AlarmRow>(db, cancellationToken, "cabinet_id", "cleared_at");
        await MissingColumns.Add(db, _postgres, "rm_alarms", "occurrences", "INTEGER NOT NULL DEFAULT 1", cancellationToken);
        if (await MissingColumns.Add(db, _postgres, "rm_alarms", "last_seen_at", "BIGINT NOT NULL DEFAULT 0", cancellationToken))
            await db.ExecuteAsync("UPDATE rm_alarms SET last_seen_at = raised_at", cancellationToken);
        await MissingColumns.Add(db, _postgres, "rm_alarms", "controller_id", "TEXT NULL", cancellationToken);
        await Create<DiscrepancyRow>(db, cancellationToken, "cabinet_id", "found_at", "resolved_at");
        await Create<AuditRow>(db, cancellationToken, "ordering", "event_type");
        await Create<AuditCheckpointRow>(db, cancellationToken, "seq");
        await Create<AuditAnchorRow>(db, cancellationToken);
        await Create<IdempotencyRow>(db, cancellationToken, "created_at");
        await Create<SubscriptionRow>(db, cancellationToken);
        await Create<DeliveryRow>(db, cancellationToken, "status", "subscription_id");
    }

    private static async Task Create<TRow>(DataConnection db, CancellationToken cancellationToken, params string[] indexed) where TRow : class
    {
        var table = await db.CreateTableAsync<TRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        foreach (var column in indexed)
            await db.ExecuteAsync($"CREATE INDEX IF NOT EXISTS ix_{table.TableName}_{column} ON {table.TableName} ({column})", cancellationToken);
    }
}

public static class ReadDatabaseQueries
{
    /// <summary>Runs a read on its own connection, after making sure the tables exist (a first request may beat the projections).</summary>
    public static async Task<T> Query<T>(this ReadDatabase database, Func<LinqToDB.Data.DataConnection, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await database.EnsureSchema(cancellationToken);
        await using var db = database.Open();
        return await read(db, cancellationToken);
    }
}
