using Akka.Actor;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using Npgsql;
using static FleetKeys.Cluster.Tests.Persistence.JournalWriteWindowSpecs;

namespace FleetKeys.Cluster.Tests.Persistence;

/// <summary>
/// The journal's write transactions on a real PostgreSQL database are counted with their rows (through the options the
/// node hands the plugin, <see cref="PostgresJournalWrites"/>), and writes from several entities at once are each
/// acknowledged and recovered in the order persisted (docs/benchmarks.md, finding 14).
/// </summary>
public sealed class PostgresJournalWritesSpecs : IAsyncLifetime
{
    private const int Entities = 6;

    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Writes_from_several_entities_at_once_are_counted_row_by_row_and_each_acknowledged_and_recovered_in_order()
    {
        var settings = _database.Settings;
        var tally = DatabaseConnections.JournalWrites(settings, settings.ResolveConnectionString());
        await using (var node = await TestNode.StartAsync(settings, TimeProvider.System))
        {
            var entities = Enumerable.Range(0, Entities).Select(i => node.System.ActorOf(Props.Create(() => new Numbers($"pg-{i}")))).ToList();
            await Task.WhenAll(entities.Select(e => e.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30))));
            var (writes, rows) = (tally.Writes, tally.RowsWritten);

            var asked = entities.Select((e, i) => e.Ask<int[]>(new Persist([i + 10, i + 20, i + 30]), TimeSpan.FromSeconds(30))).ToList();
            for (var i = 0; i < asked.Count; i++) Assert.Equal(new[] { i + 10, i + 20, i + 30 }, await asked[i]);

            // Every row persisted is counted, in one transaction per batch, give or take writes of the node's own entities.
            Assert.True(tally.RowsWritten - rows >= 3 * Entities, $"{tally.RowsWritten - rows} rows counted for {3 * Entities} persisted");
            Assert.True(tally.Writes - writes >= 1, "the writes are counted");
        }

        await using var restarted = await TestNode.StartAsync(settings, TimeProvider.System);
        for (var i = 0; i < Entities; i++)
        {
            var recovered = restarted.System.ActorOf(Props.Create(() => new Numbers($"pg-{i}")));
            Assert.Equal(new[] { i + 10, i + 20, i + 30 }, await recovered.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30)));
        }
    }

    /// <remarks>
    /// The node's own entities write to the same database, so the tally alone could not tell three transactions from one:
    /// the spec entity's rows are counted by the transaction that inserted them (PostgreSQL's <c>xmin</c>), which no other
    /// writer's rows share.
    /// </remarks>
    [Fact]
    public async Task Persists_one_after_another_are_a_transaction_each()
    {
        var settings = _database.Settings;
        var tally = DatabaseConnections.JournalWrites(settings, settings.ResolveConnectionString());
        await using var node = await TestNode.StartAsync(settings, TimeProvider.System);
        var entity = node.System.ActorOf(Props.Create(() => new Numbers("pg-one-by-one")));
        await entity.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30));
        var (writes, rows) = (tally.Writes, tally.RowsWritten);

        for (var i = 1; i <= 3; i++) await entity.Ask<int[]>(new Persist([i]), TimeSpan.FromSeconds(30));

        Assert.Equal((3, 3), await TransactionsAndRowsOf("pg-one-by-one"));
        Assert.True(tally.Writes - writes >= 3, $"{tally.Writes - writes} write transactions counted for three persists one after another");
        Assert.True(tally.RowsWritten - rows >= 3, $"{tally.RowsWritten - rows} rows counted for three persisted");
    }

    /// <summary>The journal's transactions that inserted the entity's rows, and the rows.</summary>
    private async Task<(long Transactions, long Rows)> TransactionsAndRowsOf(string persistenceId)
    {
        await using var connection = new NpgsqlConnection(_database.Settings.ResolveConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(DISTINCT xmin::text), COUNT(*) FROM journal WHERE persistence_id = @id", connection);
        command.Parameters.AddWithValue("id", persistenceId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
