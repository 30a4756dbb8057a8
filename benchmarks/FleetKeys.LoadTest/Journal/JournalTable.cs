using System.Data.Common;
using Akka.Actor;
using FleetKeys.Cluster.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.LoadTest.Journal;

/// <summary>
/// The events of chosen entities, straight from the journal table in one ordered pass, deserialized by the node's own
/// serializers. The read journal's per-entity query (JournalHistory) also fetches each page's tags; on SQLite with a
/// few hundred thousand events that made the audit of one run take many minutes (docs/benchmarks.md).
/// </summary>
public static class JournalTable
{
    public static async Task<IReadOnlyDictionary<string, List<object>>> EventsOfAsync(
        PersistenceSettings settings, ActorSystem system, IReadOnlySet<string> persistenceIds, CancellationToken cancellationToken)
    {
        await using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(settings.ResolveConnectionString())
            : new SqliteConnection(settings.ResolveConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, message, identifier, manifest FROM journal ORDER BY persistence_id, sequence_number";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = persistenceIds.ToDictionary(id => id, _ => new List<object>());
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!events.TryGetValue(reader.GetString(0), out var list)) continue;
            list.Add(system.Serialization.Deserialize((byte[])reader.GetValue(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return events;
    }
}
