using FleetKeys.Testing;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Node.Tests;

/// <summary>
/// A data folder from before the stored contract names its journal rows by C# type: the node refuses to start on it,
/// saying which database it is and to start afresh, rather than failing entity by entity when they replay.
/// </summary>
public sealed class PreContractDataSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync();

    private string[] Node() => NodeApp.Arguments(_database.Settings);

    [Fact]
    public void A_node_refuses_a_journal_written_before_the_stored_contract_naming_it_and_what_to_do()
    {
        var journal = JournalWith("KeyTaken");

        var refused = Assert.Throws<NodeConfigurationException>(() => FleetKeysNode.Build(Node()));

        Assert.Contains(journal, refused.Message);
        Assert.Contains("'KeyTaken'", refused.Message);
        Assert.Contains("fresh", refused.Message);
    }

    [Fact]
    public async Task A_node_starts_on_a_journal_written_under_the_stored_contract()
    {
        JournalWith("keyslot.taken.v1");

        await using var app = FleetKeysNode.Build(Node());
    }

    /// <summary>The journal table as Akka.Persistence.Sql creates it, holding one FleetKeys row under the given manifest.</summary>
    private string JournalWith(string manifest)
    {
        var file = Path.Combine(_database.Settings.DataFolder, "fleetkeys.db");
        Directory.CreateDirectory(_database.Settings.DataFolder);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE [journal] ([ordering] INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, [created] INTEGER NOT NULL,
                [deleted] Bit NOT NULL, [persistence_id] NVarChar(255) NOT NULL, [sequence_number] INTEGER NOT NULL,
                [message] VarBinary NOT NULL, [tags] NVarChar(100) NULL, [manifest] NVarChar(500) NULL,
                [identifier] INTEGER NULL, [writer_uuid] NVarChar(128) NULL);
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier)
                VALUES (0, 0, '/system/sharding/keyslot', 1, x'00', 'SM', 13),
                       (0, 0, 'keyslot-lobby/1', 1, x'7b7d', $manifest, 1701);
            """;
        command.Parameters.AddWithValue("$manifest", manifest);
        command.ExecuteNonQuery();
        return Path.GetFullPath(file);
    }
}
