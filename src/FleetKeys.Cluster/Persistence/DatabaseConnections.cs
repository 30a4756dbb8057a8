using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;
using Npgsql;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// How the node opens its database connections. On SQLite every connection's write transactions queue for their file's
/// <see cref="SqliteWriteGate"/> (<see cref="SqliteWriterConnection"/>): the journal, the snapshot store and SCIM share
/// the journal file's, the projections the read file's. The node's own connections (the read side, SCIM) also set
/// SQLite's busy handler, which waits in steps of 1–100 ms for a statement outside a transaction that meets a writer,
/// instead of Microsoft.Data.Sqlite's 150 ms sleep (docs/benchmarks.md, finding 6), and have SQLite overwrite what they
/// delete or shorten, so an erased person's data is not left in the file's free space (docs/architecture.md, "Personal data").
/// </summary>
public static class DatabaseConnections
{
    /// <summary>Past this, Microsoft.Data.Sqlite's own retry takes over: a thread never sleeps inside SQLite for long.</summary>
    private const int BusyTimeoutMilliseconds = 100;

    /// <summary>The Linq2Db provider of the node's database, for its own connections and the journal's.</summary>
    public static string ProviderOf(PersistenceSettings settings) =>
        settings.Provider == DatabaseProvider.Postgres ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS;

    public static DataOptions For(PersistenceSettings settings, string connectionString) =>
        settings.Provider == DatabaseProvider.Postgres
            ? new DataOptions().UseConnectionString(ProviderOf(settings), connectionString)
            : Gated(settings, connectionString, TimeSpan.Zero).UseAfterConnectionOpened(SetPragmas, (connection, _) =>
            {
                SetPragmas(connection);
                return Task.CompletedTask;
            });

    /// <summary>
    /// The journal's connections, its write transactions counted (<see cref="JournalWrites"/>): on SQLite gated, without
    /// the busy handler (which stretched the cold start when the journal used it, finding 6), its writes paced by
    /// <paramref name="writeWindow"/> (finding 13); on PostgreSQL through <see cref="PostgresJournalWrites"/>, not paced
    /// (finding 14).
    /// </summary>
    public static DataOptions ForJournal(PersistenceSettings settings, string connectionString, TimeSpan writeWindow) =>
        settings.Provider == DatabaseProvider.Postgres
            ? new DataOptions().UseConnectionString(ProviderOf(settings), connectionString)
                .UseInterceptor(new PostgresJournalWrites(JournalWrites(settings, connectionString)))
            : Gated(settings, connectionString, writeWindow);

    /// <summary>The read journal's and the snapshot store's: on SQLite gated and never paced; on PostgreSQL the plugin opens its own.</summary>
    public static DataOptions? ForQueriesAndSnapshots(PersistenceSettings settings, string connectionString) =>
        settings.Provider == DatabaseProvider.Postgres ? null : Gated(settings, connectionString, TimeSpan.Zero);

    /// <summary>The journal's write transactions and their rows: its SQLite file's (shared with the file's other writers), or its PostgreSQL database's.</summary>
    public static WriteTally JournalWrites(PersistenceSettings settings, string connectionString)
    {
        if (settings.Provider != DatabaseProvider.Postgres) return SqliteWriteGate.For(connectionString).Tally;
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        return WriteTally.For($"postgresql://{server.Host}:{server.Port}/{server.Database}", "postgresql journal");
    }

    private static DataOptions Gated(PersistenceSettings settings, string connectionString, TimeSpan writeWindow)
    {
        var gate = SqliteWriteGate.For(connectionString);
        var provider = ProviderOf(settings);
        return new DataOptions()
            .UseConnectionFactory(DataConnection.GetDataProvider(provider, connectionString)
                                  ?? throw new InvalidOperationException($"Linq2Db has no provider {provider}"),
                _ => new SqliteWriterConnection(connectionString, gate, writeWindow))
            .UseProvider(provider);
    }

    private static void SetPragmas(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA secure_delete = ON";
        command.ExecuteNonQuery();
    }
}
