using System.Data.Common;
using LinqToDB;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// How the node's own code opens its database connections (the read side, SCIM). On SQLite: Microsoft.Data.Sqlite
/// answers a locked database by sleeping 150 ms and trying again; the projections, writing the read file side by side,
/// collided all the time and held thread-pool threads asleep (docs/benchmarks.md, finding 6). SQLite's own busy handler
/// waits in steps of 1–100 ms instead, so a writer gets the lock within a few milliseconds of it being free.
/// </summary>
public static class DatabaseConnections
{
    /// <summary>Past this, Microsoft.Data.Sqlite's own retry takes over: a thread never sleeps inside SQLite for long.</summary>
    private const int BusyTimeoutMilliseconds = 100;

    /// <summary>The Linq2Db provider of the node's database, for its own connections and the journal's.</summary>
    public static string ProviderOf(PersistenceSettings settings) =>
        settings.Provider == DatabaseProvider.Postgres ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS;

    public static DataOptions For(PersistenceSettings settings, string connectionString)
    {
        var options = new DataOptions().UseConnectionString(ProviderOf(settings), connectionString);
        return settings.Provider == DatabaseProvider.Postgres
            ? options
            : options.UseAfterConnectionOpened(SetBusyTimeout, (connection, _) =>
            {
                SetBusyTimeout(connection);
                return Task.CompletedTask;
            });
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
        command.ExecuteNonQuery();
    }
}
