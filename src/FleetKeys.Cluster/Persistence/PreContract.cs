using System.Data.Common;
using FleetKeys.Cluster.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// Journals written before the stored contract name each row by its C# type (<c>KeyTaken</c>), not by a registered name
/// (<c>keyslot.taken.v1</c>). Such a data folder is not read on: the node refuses to start on it and says which database
/// it is and what to do, instead of failing entity by entity on replay.
/// </summary>
public static class PreContract
{
    public const string WhatToDo =
        "this data folder predates the stored message contract and cannot be read; move it aside and start the node on a fresh one "
        + "(docs/operations.md, \"Data folders from before the stored contract\")";

    /// <summary>Every registered name has a dot (<c>entity.fact.v1</c>); a C# type name never does.</summary>
    public static bool IsOldName(string name) => !name.Contains('.');

    /// <summary>
    /// Why the node must not start on this journal, or null. The first FleetKeys row of the journal and of the snapshot
    /// store tells: a folder is written by one release or the other. A database that cannot be reached now is left to the
    /// start's own outage handling.
    /// </summary>
    public static string? Refusal(PersistenceSettings settings)
    {
        var connectionString = settings.ResolveConnectionString();
        try
        {
            using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 }.ConnectionString)
                : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            connection.Open();
            var old = FirstName(connection, "journal", "identifier", "ordering") is { } j && IsOldName(j) ? j
                : FirstName(connection, "snapshot", "serializer_id", "sequence_number") is { } s && IsOldName(s) ? s
                : null;
            return old is null ? null : $"the journal in {Describe(settings, connectionString)} holds '{old}', a message name from before the stored contract: {WhatToDo}";
        }
        catch (DbException)
        {
            return null;
        }
    }

    private static string? FirstName(DbConnection connection, string table, string serializerColumn, string orderColumn)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT manifest FROM {table} WHERE {serializerColumn} = {FleetKeysJsonSerializer.Id} ORDER BY {orderColumn} LIMIT 1";
        try
        {
            return command.ExecuteScalar() as string;
        }
        catch (DbException) when (!Exists(connection, table))
        {
            return null;
        }
    }

    private static bool Exists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static string Describe(PersistenceSettings settings, string connectionString)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
            return $"'{Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)}' (data folder '{Path.GetFullPath(settings.DataFolder)}')";
        var postgres = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}";
    }
}
