using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.Cluster.Persistence;

/// <summary>A cheap round trip to the journal's database, for readiness and for clear start-up errors.</summary>
public sealed class DatabasePing(PersistenceSettings settings)
{
    private readonly string _connectionString = settings.ResolveConnectionString();

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
