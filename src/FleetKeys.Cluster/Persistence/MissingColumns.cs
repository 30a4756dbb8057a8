using LinqToDB.Data;

namespace FleetKeys.Cluster.Persistence;

/// <summary>"Create if not exists" leaves a table created by an older version as it was: columns it gained since are added here.</summary>
public static class MissingColumns
{
    /// <summary>Adds the column if the table lacks it; true if it was missing (so the caller can fill it for existing rows).</summary>
    public static async Task<bool> Add(DataConnection db, bool postgres, string table, string column, string definition,
        CancellationToken cancellationToken)
    {
        var exists = postgres
            ? $"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' AND column_name = '{column}'"
            : $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (await db.ExecuteAsync<long>(exists, cancellationToken) > 0) return false;
        await db.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {(postgres ? "IF NOT EXISTS " : "")}{column} {definition}", cancellationToken);
        return true;
    }
}
