using System.Data.Common;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.LoadTest.Journal;

/// <summary>
/// The events of chosen entities, straight from the journal table in one ordered pass, read by the node's own message
/// registry (every entity's event is a FleetKeys message, written by its JSON serializer), opening personal fields with
/// the node's key store as the node does (the master secret is the run's own). The read journal's per-entity query (JournalHistory) also fetches each page's tags; on SQLite with a
/// few hundred thousand events that made the audit of one run take many minutes (docs/benchmarks.md).
/// </summary>
public static class JournalTable
{
    public static async Task<IReadOnlyDictionary<string, List<object>>> EventsOfAsync(
        PersistenceSettings settings, byte[] masterSecret, IReadOnlySet<string> persistenceIds, CancellationToken cancellationToken)
    {
        var json = StoredJson.Sealing(new PersonKeys(settings, new NodeKeys(masterSecret), TimeProvider.System)).Stored;
        await using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(settings.ResolveConnectionString())
            : new SqliteConnection(settings.ResolveConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, message, manifest FROM journal ORDER BY persistence_id, sequence_number";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = persistenceIds.ToDictionary(id => id, _ => new List<object>());
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!events.TryGetValue(reader.GetString(0), out var list)) continue;
            list.Add(MessageTypes.Production.Read((byte[])reader.GetValue(1), reader.GetString(2), json));
        }

        return events;
    }
}
