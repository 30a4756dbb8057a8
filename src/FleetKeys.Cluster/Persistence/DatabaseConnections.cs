using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;

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
    /// The journal's and the snapshot store's connections: on SQLite gated, without the busy handler (which stretched the
    /// cold start when the journal used it, finding 6), the journal's writes paced by <paramref name="writeWindow"/>; on
    /// PostgreSQL none of this, the plugin opens its own.
    /// </summary>
    public static DataOptions? ForJournal(PersistenceSettings settings, string connectionString, TimeSpan writeWindow) =>
        settings.Provider == DatabaseProvider.Postgres ? null : Gated(settings, connectionString, writeWindow);

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
