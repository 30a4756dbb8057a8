using Akka.Actor;
using Akka.Persistence;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Persistence;

/// <summary>
/// The journal's write window on a real SQLite file (<see cref="PersistenceSettings.JournalWriteWindow"/>): events
/// persisted by several entities while a write is paced go in one transaction together, each is acknowledged only once
/// it is committed, and every entity recovers its own events in the order it persisted them.
/// </summary>
public sealed class JournalWriteWindowSpecs : IAsyncLifetime
{
    private const int Entities = 6;

    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Writes_from_several_entities_within_the_window_commit_together_each_acknowledged_in_order()
    {
        var settings = _database.Settings;
        settings.JournalWriteWindow = TimeSpan.FromMilliseconds(500);
        var gate = SqliteWriteGate.For(settings.ResolveConnectionString()).Tally;
        await using (var node = await TestNode.StartAsync(settings, TimeProvider.System))
        {
            var entities = Enumerable.Range(0, Entities).Select(i => node.System.ActorOf(Props.Create(() => new Numbers($"window-{i}")))).ToList();
            await Task.WhenAll(entities.Select(e => e.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30))));
            var (writes, rows) = (gate.Writes, gate.RowsWritten);

            // The first persist, then the others while its write waits out the window: they gather in the journal's queue.
            var first = entities[0].Ask<int[]>(new Persist([1, 2]), TimeSpan.FromSeconds(30));
            var others = entities.Skip(1).Select((e, i) => e.Ask<int[]>(new Persist([i + 10, i + 20, i + 30]), TimeSpan.FromSeconds(30))).ToList();
            Assert.Equal(new[] { 1, 2 }, await first);
            for (var i = 0; i < others.Count; i++) Assert.Equal(new[] { i + 10, i + 20, i + 30 }, await others[i]);

            // Six persists in at most three transactions (the first, one paced behind it, the rest gathered meanwhile),
            // give or take one write of the node's own on the same file (the gate counts every writer of it).
            Assert.True(gate.RowsWritten - rows >= 2 + 3 * (Entities - 1));
            Assert.InRange(gate.Writes - writes, 1, 4);
        }

        // Committed, whole and in each entity's order: a node started again recovers exactly what was acknowledged.
        await using var restarted = await TestNode.StartAsync(settings, TimeProvider.System);
        Assert.Equal(new[] { 1, 2 }, await restarted.System.ActorOf(Props.Create(() => new Numbers("window-0"))).Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30)));
        for (var i = 1; i < Entities; i++)
        {
            var n = i - 1;
            var recovered = restarted.System.ActorOf(Props.Create(() => new Numbers($"window-{i}")));
            Assert.Equal(new[] { n + 10, n + 20, n + 30 }, await recovered.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>
    /// More writes meet in a transaction now, so more meet its failure: the file refuses one entity's rows (a trigger), and
    /// whatever transactions the writes formed, each persist is acknowledged exactly when all of it is durable — a failed
    /// one is answered with its failure and recovers none of its events, its neighbours' fate is their transaction's.
    /// </summary>
    [Fact]
    public async Task A_failed_transaction_fails_each_write_it_carried_whole_and_every_acknowledged_one_is_recovered()
    {
        var settings = _database.Settings;
        settings.JournalWriteWindow = TimeSpan.FromMilliseconds(500);
        var names = Enumerable.Range(0, Entities).Select(i => i == 2 ? "window-doomed" : $"window-{i}").ToList();
        var acknowledged = new bool[Entities];
        await using (var node = await TestNode.StartAsync(settings, TimeProvider.System))
        {
            var entities = names.Select(name => node.System.ActorOf(Props.Create(() => new Numbers(name)))).ToList();
            await Task.WhenAll(entities.Select(e => e.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30))));
            await using (var connection = new SqliteConnection(settings.ResolveConnectionString()))
            {
                await connection.OpenAsync();
                await using var trigger = connection.CreateCommand();
                trigger.CommandText = """
                    CREATE TRIGGER refuse_doomed BEFORE INSERT ON journal WHEN NEW.persistence_id = 'window-doomed'
                    BEGIN SELECT RAISE(ABORT, 'refused by the spec'); END
                    """;
                await trigger.ExecuteNonQueryAsync();
            }

            // A failure reaches the asker as the journal's exception.
            var answers = entities.Select((e, i) => e.Ask<int[]>(new Persist([i + 10, i + 20, i + 30]), TimeSpan.FromSeconds(30))).ToList();
            for (var i = 0; i < Entities; i++)
            {
                try
                {
                    Assert.Equal(new[] { i + 10, i + 20, i + 30 }, await answers[i]);
                    acknowledged[i] = true;
                }
                catch (SqliteException refused)
                {
                    Assert.Contains("refused by the spec", refused.Message);
                }
            }

            Assert.False(acknowledged[2], "the refused entity's persist was acknowledged");
        }

        await using var restarted = await TestNode.StartAsync(settings, TimeProvider.System);
        for (var i = 0; i < Entities; i++)
        {
            var name = names[i];
            var recovered = await restarted.System.ActorOf(Props.Create(() => new Numbers(name))).Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30));
            Assert.Equal(acknowledged[i] ? new[] { i + 10, i + 20, i + 30 } : [], recovered);
        }
    }

    [Fact]
    public async Task Without_a_window_each_persist_is_a_transaction_of_its_own_when_nothing_else_is_queued()
    {
        var settings = _database.Settings;
        settings.JournalWriteWindow = TimeSpan.Zero;
        var gate = SqliteWriteGate.For(settings.ResolveConnectionString()).Tally;
        await using var node = await TestNode.StartAsync(settings, TimeProvider.System);
        var entity = node.System.ActorOf(Props.Create(() => new Numbers("window-off")));
        await entity.Ask<int[]>(Held.Instance, TimeSpan.FromSeconds(30));
        var writes = gate.Writes;

        for (var i = 1; i <= 3; i++) await entity.Ask<int[]>(new Persist([i]), TimeSpan.FromSeconds(30));

        Assert.True(gate.Writes - writes >= 3, $"{gate.Writes - writes} write transactions for three persists one after another");
    }

    [Fact]
    public async Task A_write_within_the_window_of_the_last_one_waits_out_the_rest_and_one_after_a_quiet_moment_goes_at_once()
    {
        var clock = new FakeTimeProvider();
        var gate = new SqliteWriteGate(new WriteTally("window.db"), clock);
        var window = TimeSpan.FromMilliseconds(10);
        Assert.True(gate.PaceAsync(window, CancellationToken.None).IsCompleted, "the first write of all goes at once");

        await gate.EnterAsync(CancellationToken.None);
        gate.Leave();
        clock.Advance(TimeSpan.FromMilliseconds(4));
        var paced = gate.PaceAsync(window, CancellationToken.None);
        Assert.False(paced.IsCompleted, "a write 4 ms after the last one waits");
        clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.False(paced.IsCompleted, "it waits out the whole window");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await paced.WaitAsync(TimeSpan.FromSeconds(10));

        await gate.EnterAsync(CancellationToken.None);
        gate.Leave();
        clock.Advance(window);
        Assert.True(gate.PaceAsync(window, CancellationToken.None).IsCompleted, "after a quiet moment a write goes at once");
        Assert.True(gate.PaceAsync(TimeSpan.Zero, CancellationToken.None).IsCompleted, "no window, no wait");
    }

    internal sealed record Persist(int[] Numbers);

    internal sealed class Held
    {
        public static readonly Held Instance = new();
    }

    /// <summary>Persists the numbers it is given (as single bytes) in one write; answers, once they are acknowledged, every number it holds in order.</summary>
    internal sealed class Numbers : ReceivePersistentActor
    {
        private readonly List<int> _held = [];
        private IActorRef _waiting = ActorRefs.Nobody;

        public Numbers(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<byte[]>(n => _held.Add(n[0]));
            Command<Held>(_ => Sender.Tell(_held.ToArray()));
            Command<Persist>(persist =>
            {
                var sender = _waiting = Sender;
                var left = persist.Numbers.Length;
                PersistAll(persist.Numbers.Select(n => new[] { (byte)n }), n =>
                {
                    _held.Add(n[0]);
                    if (--left == 0) sender.Tell(_held.ToArray());
                });
            });
        }

        /// <summary>The journal refused a write: whoever waits for it hears so (and the actor stops, as Akka's default).</summary>
        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _waiting.Tell(new Status.Failure(cause));
            _waiting = ActorRefs.Nobody;
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        public override string PersistenceId { get; }
    }
}
