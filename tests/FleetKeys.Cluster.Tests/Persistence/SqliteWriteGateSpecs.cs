using Akka.Actor;
using Akka.Persistence;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Tests.ReadSide;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Ids;
using FleetKeys.Testing;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Tests.Persistence;

/// <summary>
/// One writer per SQLite file, queued in the node's process (<see cref="SqliteWriteGate"/>): journal writes, snapshot
/// saves and the projections' batches, all at once on real SQLite files, never find a file locked by one another.
/// </summary>
public sealed class SqliteWriteGateSpecs : IAsyncLifetime
{
    private const int Writers = 8;
    private const int BatchesPerWriter = 20;
    private const int EventsPerBatch = 5;
    private const int People = 40;

    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Journal_writes_snapshot_saves_and_projection_batches_at_once_never_find_the_file_locked_and_lose_nothing()
    {
        var settings = _database.Settings;
        var journalGate = SqliteWriteGate.For(settings.ResolveConnectionString());
        var readGate = SqliteWriteGate.For(settings.ResolveReadConnectionString());
        await using (var node = await TestNode.StartAsync(settings, TimeProvider.System))
        {
            // Everything started first — the writers recovered (the snapshot store up), a person projected (the read side
            // up) — so that only the writes below meet the turn the test then holds with a write transaction of its own.
            var writers = Enumerable.Range(0, Writers).Select(i => node.System.ActorOf(Props.Create(() => new Writer($"gate-writer-{i}")))).ToList();
            await Task.WhenAll(writers.Select(w => w.Ask<int>(Count.Instance, TimeSpan.FromSeconds(30))));
            var probe = new ReadSideProbe(node, settings);
            await Register(node, 0);
            await Eventually.Holds(async () => Assert.Contains(await probe.Rows<PersonRow>(), p => p.PersonId == "gate-000"));
            var holder = new DataConnection(DatabaseConnections.For(settings, settings.ResolveConnectionString()));
            var held = await holder.BeginTransactionAsync();

            // Journal writes and snapshot saves from plain persistent actors, and people registered at the same time:
            // their events feed the people projection, which writes its batches into the read file meanwhile.
            var writing = writers.Select(w => w.Ask<int>(new Write(BatchesPerWriter, EventsPerBatch), TimeSpan.FromSeconds(60))).ToList();
            var registering = Enumerable.Range(1, People).Select(n => Register(node, n)).ToList();
            await Eventually.Holds(() => Assert.True(journalGate.Queued > 0, "the node's writers queue behind the turn held"));
            await held.CommitAsync();
            await holder.DisposeAsync();
            await Task.WhenAll([.. writing, .. registering]);

            await Eventually.Holds(async () => Assert.Equal(People + 1, (await probe.Rows<PersonRow>()).Count(p => p.PersonId.StartsWith("gate-"))));
        }

        Assert.Equal(0, journalGate.BusyCollisions);
        Assert.Equal(0, readGate.BusyCollisions);

        // Nothing lost: every writer recovers its snapshot and every event after it.
        await using var restarted = await TestNode.StartAsync(settings, TimeProvider.System);
        for (var i = 0; i < Writers; i++)
        {
            var recovered = restarted.System.ActorOf(Props.Create(() => new Writer($"gate-writer-{i}")));
            Assert.Equal(BatchesPerWriter * EventsPerBatch, await recovered.Ask<int>(Count.Instance, TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task A_writer_outside_the_gate_is_waited_out_and_counted_without_failing_the_gated_write()
    {
        var settings = _database.Settings;
        var file = settings.ResolveReadConnectionString();
        var gate = SqliteWriteGate.For(file);
        Directory.CreateDirectory(settings.DataFolder);
        await using var outsider = new SqliteConnection(file);
        await outsider.OpenAsync();
        await using (var create = new DataConnection(DatabaseConnections.For(settings, file)))
            await create.ExecuteAsync("CREATE TABLE gate_spec (n INTEGER)");

        // Another process (here: a connection of its own) holds the file's write lock.
        var held = outsider.BeginTransaction(deferred: false);
        await using var gated = new DataConnection(DatabaseConnections.For(settings, file));
        var write = Task.Run(async () =>
        {
            await using var transaction = await gated.BeginTransactionAsync();
            await gated.ExecuteAsync("INSERT INTO gate_spec VALUES (1)");
            await transaction.CommitAsync();
        });
        await Eventually.Holds(() => Assert.True(gate.BusyCollisions > 0, "the gated writer found the file locked"));
        Assert.False(write.IsCompleted);

        await held.CommitAsync();
        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, await gated.ExecuteAsync<long>("SELECT COUNT(*) FROM gate_spec"));
    }

    [Fact]
    public async Task Each_write_transaction_is_counted_with_the_rows_it_wrote_and_a_reading_one_is_not()
    {
        var settings = _database.Settings;
        var file = settings.ResolveReadConnectionString();
        var gate = SqliteWriteGate.For(file);
        Directory.CreateDirectory(settings.DataFolder);
        await using (var create = new DataConnection(DatabaseConnections.For(settings, file)))
            await create.ExecuteAsync("CREATE TABLE rows_spec (n INTEGER)");
        var (writes, rows) = (gate.Tally.Writes, gate.Tally.RowsWritten);

        await using (var three = new DataConnection(DatabaseConnections.For(settings, file)))
        {
            await using var transaction = await three.BeginTransactionAsync();
            await three.ExecuteAsync("INSERT INTO rows_spec VALUES (1), (2)");
            await three.ExecuteAsync("INSERT INTO rows_spec VALUES (3)");
            await transaction.CommitAsync();
        }

        await using (var one = new DataConnection(DatabaseConnections.For(settings, file)))
        {
            await using var transaction = await one.BeginTransactionAsync();
            await one.ExecuteAsync("DELETE FROM rows_spec WHERE n = 2");
            await transaction.CommitAsync();
        }

        await using (var reader = new DataConnection(DatabaseConnections.For(settings, file)))
        {
            await using var transaction = await reader.BeginTransactionAsync(System.Data.IsolationLevel.ReadUncommitted);
            Assert.Equal(2L, await reader.ExecuteAsync<long>("SELECT COUNT(*) FROM rows_spec"));
        }

        Assert.Equal(writes + 2, gate.Tally.Writes);
        Assert.Equal(rows + 4, gate.Tally.RowsWritten);
    }

    private static async Task Register(TestNode node, int n) =>
        Assert.Null((await node.Admin.RegisterPerson(new PersonId($"gate-{n:D3}"), $"Person {n}", null, null, 2)).Rejection);

    private sealed record Write(int Batches, int EventsPerBatch);

    private sealed class Count
    {
        public static readonly Count Instance = new();
    }

    /// <summary>Persists batches of small byte arrays, saving a snapshot after every other batch; answers how many events it holds.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private int _events;

        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<SnapshotOffer>(offer => _events = BitConverter.ToInt32((byte[])offer.Snapshot));
            Recover<byte[]>(_ => _events++);
            Command<Count>(_ => Sender.Tell(_events));
            Command<SaveSnapshotSuccess>(_ => { });
            Command<Write>(write =>
            {
                var replyTo = Sender;
                var batch = Enumerable.Range(0, write.EventsPerBatch).Select(_ => new byte[64]).ToArray();
                for (var b = 1; b <= write.Batches; b++)
                {
                    var number = b;
                    var remaining = batch.Length;
                    PersistAll(batch, _ =>
                    {
                        _events++;
                        if (--remaining > 0) return;
                        if (number % 2 == 0) SaveSnapshot(BitConverter.GetBytes(_events));
                        if (number == write.Batches) replyTo.Tell(_events);
                    });
                }
            });
        }

        public override string PersistenceId { get; }
    }
}
