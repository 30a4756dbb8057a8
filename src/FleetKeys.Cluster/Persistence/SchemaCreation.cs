using Npgsql;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// Nodes that start together create the same tables. Every statement is "if not exists", yet on PostgreSQL two
/// concurrent CREATE TABLE IF NOT EXISTS of one table can both pass the check, and the loser fails with a unique
/// violation in the catalogue (or "already exists"). Trying the whole schema again then finds the winner's tables.
/// </summary>
public static class SchemaCreation
{
    private const int Attempts = 5;

    public static async Task Racing(Func<Task> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await create();
                return;
            }
            catch (PostgresException e) when (attempt < Attempts &&
                                              e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable
                                                  or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateColumn)
            {
                // another node created it a moment ago: go again
            }
        }
    }
}
