using Npgsql;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// Nodes that start together create the same tables. Every statement is "if not exists", yet on PostgreSQL two
/// concurrent CREATE TABLE IF NOT EXISTS of one table can both pass the check, and the loser fails with a unique
/// violation in the catalogue. Schema creation therefore takes one advisory lock for the database: nodes create in
/// turn, and all but the first find everything there. (SQLite serializes writers on its file by itself.)
/// </summary>
public static class SchemaCreation
{
    /// <summary>"FleetKey" in ASCII: one lock for every schema the node creates.</summary>
    private const long LockKey = 0x466C_6565_744B_6579;

    public static async Task OneNodeAtATime(PersistenceSettings settings, string connectionString, Func<Task> create,
        CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            await create();
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            await create();
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
