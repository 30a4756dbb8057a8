using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// The data folder holds what must stay the node's own — the journal with its sealed PIN hashes, the read side with its
/// sealed webhook secrets, the bootstrap keys — so it is made private to the node's user before anything is written: the
/// folder 0700, every file in it 0600 (a folder an older version left readable is tightened), and SQLite's files created
/// 0600 before SQLite opens them, because SQLite gives the -wal and -shm files it creates later their database's mode.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>On Windows the folder's inherited access control applies; file modes are a Unix matter.</summary>
    public static void MakePrivate(PersistenceSettings settings)
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.GetFullPath(settings.DataFolder);
        Tighten(folder);
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        foreach (var connectionString in new[] { settings.ResolveConnectionString(), settings.ResolveReadConnectionString() })
            if (new SqliteConnectionStringBuilder(connectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: { Length: > 0 } file }
                && file != ":memory:")
                CreatePrivateFile(Path.GetFullPath(file));
    }

    /// <summary>An empty file, readable and writable by the node's user only; one that exists is made so.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void CreatePrivateFile(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, PrivateFolder);
        new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = PrivateFile })
            .Dispose();
        File.SetUnixFileMode(path, PrivateFile);
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string folder)
    {
        Directory.CreateDirectory(folder, PrivateFolder);
        File.SetUnixFileMode(folder, PrivateFolder);
        foreach (var inner in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(inner, PrivateFolder);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, PrivateFile);
    }
}
