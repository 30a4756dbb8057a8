using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Persistence;

/// <summary>What one backup wrote: where, and how far into the journal it reaches.</summary>
/// <param name="HighestOrdering">The journal position of the last event the copy holds; everything up to it is in the copy.</param>
public sealed record BackupResult(string Folder, IReadOnlyList<string> Files, long Events, long HighestOrdering);

/// <summary>
/// A consistent copy of the embedded store while the node serves, through SQLite's online backup API: each file is copied
/// as of one read transaction, and writers carry on meanwhile (WAL). The read side is copied first and the journal second,
/// so the copied read side never reaches past the copied journal; on restore its projections go on from where they were.
/// On PostgreSQL the database's own tools do this (docs/operations.md).
/// </summary>
public sealed class JournalBackup(PersistenceSettings settings)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <param name="folder">An absolute path on the node's host that does not exist yet or is empty.</param>
    /// <exception cref="BackupRefused">The store is not SQLite, or the folder is unusable; nothing was written.</exception>
    public BackupResult Run(string folder)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
            throw new BackupRefused("the journal is on PostgreSQL: back it up with pg_dump or continuous archiving (docs/operations.md)");
        if (!Path.IsPathFullyQualified(folder)) throw new BackupRefused($"'{folder}' is not an absolute path on the node's host");
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            throw new BackupRefused($"{folder} already exists and is not an empty folder: a backup never overwrites anything");

        // The copies hold every person's credentials' hashes and the whole audit trail: readable by the node's user only.
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        var read = Copy(settings.ResolveReadConnectionString(), folder);
        var journal = Copy(settings.ResolveConnectionString(), folder);
        var (events, highest) = Extent(journal);
        return new BackupResult(folder, [journal, read], events, highest);
    }

    private static string Copy(string connectionString, string folder)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        var target = Path.Combine(folder, Path.GetFileName(source.DataSource));
        using (File.Create(target)) { }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, OwnerOnly);
        using var from = new SqliteConnection(source.ConnectionString);
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        return target;
    }

    private static (long Events, long Highest) Extent(string journal)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(ordering), 0) FROM journal";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

public sealed class BackupRefused(string message) : Exception(message);
