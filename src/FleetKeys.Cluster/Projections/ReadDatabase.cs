using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// The read side's tables, kept in the journal's own database: a projection's rows and its offset commit in one
/// transaction there, and a deployment has one database to back up, on SQLite or PostgreSQL alike.
/// </summary>
public sealed class ReadDatabase(PersistenceSettings settings)
{
    private readonly DataOptions _options = new DataOptions().UseConnectionString(
        settings.Provider == DatabaseProvider.Postgres ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS,
        settings.ResolveConnectionString());

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public DataConnection Open() => new(_options);

    /// <summary>Creates the tables and indexes once per process; every statement is "if not exists", so nodes may race.</summary>
    public async Task EnsureSchema(CancellationToken cancellationToken = default)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await using var db = Open();
            await Create<ProjectionOffsetRow>(db, cancellationToken);
            await Create<SiteRow>(db, cancellationToken);
            await Create<ControllerRow>(db, cancellationToken);
            await Create<CabinetRow>(db, cancellationToken);
            await Create<CustodyRow>(db, cancellationToken, "cabinet_id", "holder", "key_group", "key_id");
            await Create<CustodyHistoryRow>(db, cancellationToken, "slot_id", "cabinet_id", "person_id", "key_id", "occurred_at");
            await Create<PersonRow>(db, cancellationToken);
            await Create<AlarmRow>(db, cancellationToken, "cabinet_id", "cleared_at");
            await Create<AuditRow>(db, cancellationToken, "ordering");
            await Create<IdempotencyRow>(db, cancellationToken, "created_at");
            await Create<SubscriptionRow>(db, cancellationToken);
            await Create<DeliveryRow>(db, cancellationToken, "status", "subscription_id");
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
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
