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
            : ConnectionString,
        _ => string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.GetFullPath(Path.Combine(DataFolder, "fleetkeys.db"))};Pooling=True;Default Timeout=30"
            : ConnectionString,
    };
}
