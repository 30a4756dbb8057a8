using FleetKeys.Cluster.Persistence;
using FleetKeys.Testing;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>A database the operator names (--connection-string): used as it is, never created or dropped.</summary>
public sealed class ExternalDatabase(DatabaseProvider provider, string connectionString) : TestDatabase
{
    public override PersistenceSettings Settings => new() { Provider = provider, ConnectionString = connectionString };

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The database a run uses: the one named, or a throwaway SQLite file or PostgreSQL database (on FLEETKEYS_TEST_POSTGRES).</summary>
    public static TestDatabase For(LoadTestOptions options) => options switch
    {
        { ConnectionString: { } named } => new ExternalDatabase(options.Provider, named),
        { Provider: DatabaseProvider.Postgres } => new PostgresTestDatabase(),
        _ => new SqliteTestDatabase(),
    };
}
