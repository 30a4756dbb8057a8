using FleetKeys.Cluster.Persistence;
using Npgsql;
using Xunit;

namespace FleetKeys.Testing;

/// <summary>A fresh, empty database for one test class: a SQLite file, or a PostgreSQL database on the suite's server.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract PersistenceSettings Settings { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fleetkeys-tests", Guid.NewGuid().ToString("N"));

    public override PersistenceSettings Settings => new() { Provider = DatabaseProvider.Sqlite, DataFolder = _folder };

    public override Task InitializeAsync() => Task.CompletedTask;

    /// <remarks>
    /// A stopping node may still close a file in the folder (its read side's write-ahead log) while it is deleted: the
    /// delete is tried again for a few seconds, and a folder left under the temp directory then fails no spec.
    /// </remarks>
    public override async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 1; Directory.Exists(_folder); attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>Set by ./test.sh, which starts a throwaway server; running without it is a setup error, not a skip.</summary>
    public const string Variable = "FLEETKEYS_TEST_POSTGRES";

    private readonly string _name = "fk_" + Guid.NewGuid().ToString("N");

    public static string ServerConnectionString => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the suite with ./test.sh, which starts PostgreSQL");

    public override PersistenceSettings Settings => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ConnectionString,
    };

    public override async Task InitializeAsync() => await Execute($"CREATE DATABASE {_name}");

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
