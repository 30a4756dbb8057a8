using System.Data.Common;

namespace FleetKeys.Cluster.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the journal lives; bound from configuration section "FleetKeys:Persistence".</summary>
public sealed class PersistenceSettings
{
    /// <summary>SQLite is the embedded default: one file under <see cref="DataFolder"/>, nothing to install.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string DataFolder { get; set; } = "data";

    /// <summary>Required for PostgreSQL; for SQLite it overrides the file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    public string ResolveConnectionString() => Provider switch
    {
        DatabaseProvider.Postgres => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException("FleetKeys:Persistence:ConnectionString is required for PostgreSQL")
            : Prepared(ConnectionString),
        _ => string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.GetFullPath(Path.Combine(DataFolder, "fleetkeys.db"))};Pooling=True;Default Timeout=30"
            : ConnectionString,
    };

    /// <summary>
    /// Npgsql prepares a statement on a connection once it ran there twice, unless the connection string says how: the
    /// node runs a few dozen statements over and over (recoveries, journal writes, projections), and the server parsing
    /// and planning each again was CPU the node shares with it (docs/benchmarks.md, finding 18). Behind a pooler that
    /// hands out server connections per transaction (PgBouncer's transaction mode), set <c>Max Auto Prepare=0</c>.
    /// </summary>
    private static string Prepared(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")
            ? connectionString
            : $"{connectionString.TrimEnd(';')};Max Auto Prepare=64;Auto Prepare Min Usages=2";
    }

    /// <summary>
    /// SQLite only (PostgreSQL measured no gain from it, finding 14): a journal write that would begin within this long of the end of the file's previous write waits out
    /// the rest, so that the events persisted meanwhile gather in the journal's queue and go in its next transaction
    /// together (one <c>BEGIN</c>, <c>COMMIT</c> and <c>fsync</c> for them all). The first write after a quiet moment goes
    /// at once; zero turns it off (docs/benchmarks.md, finding 13).
    /// </summary>
    public TimeSpan JournalWriteWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Overrides where the read side's tables live (see <see cref="ResolveReadConnectionString"/>).</summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL keeps the read side in the journal's database. SQLite gives it a file of its own beside the journal's
    /// (fleetkeys-read.db): SQLite has one writer per file, and projection writes queued on the journal's lock cost every
    /// custody transaction about four times its CPU (docs/benchmarks.md).
    /// </summary>
    public string ResolveReadConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ReadConnectionString))
            return Provider == DatabaseProvider.Postgres ? Prepared(ReadConnectionString) : ReadConnectionString;
        var journal = ResolveConnectionString();
        if (Provider == DatabaseProvider.Postgres) return journal;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(journal);
        var file = Path.GetFullPath(builder.DataSource);
        builder.DataSource = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-read" + Path.GetExtension(file));
        return builder.ConnectionString;
    }
}
