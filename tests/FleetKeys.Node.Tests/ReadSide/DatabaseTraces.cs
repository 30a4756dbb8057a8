using System.Text;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>The proofs of shredding (erasure, retention): what the database still holds, read below FleetKeys.</summary>
public static class DatabaseTraces
{
    /// <summary>Where any of <paramref name="needles"/> is still found: a file (SQLite) or a table's column (PostgreSQL).</summary>
    public static async Task<IReadOnlyList<string>> Of(TestDatabase database, string[] needles)
    {
        if (database.Settings.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return [.. Directory.EnumerateFiles(database.Settings.DataFolder, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f).Contains(".db", StringComparison.Ordinal))
                .SelectMany(f => needles.Where(n => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0).Select(n => $"{n} in {f}"))];
        }

        var found = new List<string>();
        await using var connection = new NpgsqlConnection(database.Settings.ResolveConnectionString());
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.Contains(columns, c => c.Table == "journal");
        foreach (var (table, column, type) in columns)
        foreach (var needle in needles)
        {
            var match = type == "bytea" ? $"position(convert_to(@needle, 'UTF8') in \"{column}\") > 0" : $"position(@needle in \"{column}\"::text) > 0";
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {match}", connection);
            count.Parameters.AddWithValue("needle", needle);
            if ((long)(await count.ExecuteScalarAsync())! > 0) found.Add($"{needle} in {table}.{column}");
        }

        return found;
    }
}
