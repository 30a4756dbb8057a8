using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Domain;
using FleetKeys.Domain.ReadSide;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// Runs one projection: reads its offset, follows the journal from there, and writes each batch of events together with
/// the new offset in one transaction, so a crash anywhere replays from the last committed batch and nothing applies twice.
/// A failed stream is restarted from the stored offset after a growing pause.
/// </summary>
public sealed class ProjectionRunner : ReceiveActor, IWithTimers
{
    private sealed record Start;
    private sealed record Progressed(long Offset);
    private sealed record Stopped(Exception? Error);
    private sealed record WasReset(Exception? Error);

    private const int BatchSize = 200;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);

    private readonly IProjection _projection;
    private readonly ReadDatabase _database;
    private readonly SqlReadJournal _journal;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private UniqueKillSwitch? _running;
    private long _offset;
    private int _failures;
    private readonly List<IActorRef> _rebuildRequesters = [];

    public ProjectionRunner(IProjection projection, ReadDatabase database)
    {
        _projection = projection;
        _database = database;
        _journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

        Receive<Start>(_ => Run());
        Receive<Progressed>(p =>
        {
            _offset = p.Offset;
            _failures = 0;
        });
        Receive<Stopped>(OnStopped);
        Receive<GetProjectionStatus>(_ => Sender.Tell(new ProjectionStatus(_projection.Name, _offset, _running is not null)));
        Receive<RebuildProjection>(_ => Rebuild());
        Receive<WasReset>(OnReset);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Self.Tell(new Start());

    protected override void PostStop()
    {
        _running?.Shutdown();
        _stopping.Cancel();
    }

    private void Run()
    {
        if (_running is not null) return;
        var self = Self;
        var (killSwitch, done) = Source.FromTask(LoadOffset())
            .ConcatMany(offset => _projection.Events(_journal, Offset.Sequence(offset)))
            // The switch sits before the writer, so stopping lets a batch already being written commit first.
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .GroupedWithin(BatchSize, BatchWindow)
            .SelectAsync(1, batch => Write(batch.ToList()))
            .ToMaterialized(Sink.ForEach<long>(offset => self.Tell(new Progressed(offset))), Keep.Both)
            .Run(Context.Materializer());
        _running = killSwitch;
        done.ContinueWith(t => new Stopped(t.Exception?.GetBaseException()), TaskContinuationOptions.ExecuteSynchronously).PipeTo(self);
    }

    private async Task<long> LoadOffset()
    {
        await _database.EnsureSchema(_stopping.Token);
        await using var db = _database.Open();
        if (await _projection.Outdated(db, _stopping.Token))
        {
            _log.Warning("Projection {0} holds rows of an older form; writing it again from the journal", _projection.Name);
            await Wipe(db);
        }

        _offset = await ProjectionOffsets.Load(db, _projection.Name, _stopping.Token);
        return _offset;
    }

    private async Task Wipe(DataConnection db)
    {
        await using var transaction = await db.BeginTransactionAsync(_stopping.Token);
        await _projection.Reset(db, _stopping.Token);
        await ProjectionOffsets.Forget(db, _projection.Name, _stopping.Token);
        await transaction.CommitAsync(_stopping.Token);
    }

    private async Task<long> Write(IReadOnlyList<EventEnvelope> batch)
    {
        await using var db = _database.Open();
        await using var transaction = await db.BeginTransactionAsync(_stopping.Token);
        await _projection.Apply(db, batch, _stopping.Token);
        var offset = batch[^1].Ordering();
        await ProjectionOffsets.Save(db, _projection.Name, offset, _stopping.Token);
        await transaction.CommitAsync(_stopping.Token);
        return offset;
    }

    private void OnStopped(Stopped stopped)
    {
        _running = null;
        if (_rebuildRequesters.Count > 0)
        {
            Reset();
            return;
        }

        if (stopped.Error is null) return;
        var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, _failures++)));
        _log.Error(stopped.Error, "Projection {0} failed at offset {1}; restarting in {2}", _projection.Name, _offset, pause);
        Timers.StartSingleTimer("restart", new Start(), pause);
    }

    private void Rebuild()
    {
        _rebuildRequesters.Add(Sender);
        if (_rebuildRequesters.Count > 1) return;
        Timers.Cancel("restart");
        if (_running is { } running) running.Shutdown();
        else Reset();
    }

    private void Reset()
    {
        async Task WipeAll()
        {
            await _database.EnsureSchema(_stopping.Token);
            await using var db = _database.Open();
            await Wipe(db);
        }

        WipeAll().ContinueWith(t => new WasReset(t.Exception?.GetBaseException()), TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    private void OnReset(WasReset reset)
    {
        object answer = reset.Error is null
            ? new ProjectionStatus(_projection.Name, 0, true)
            : Rejection.Of(RejectionCode.Unavailable, $"projection {_projection.Name} could not be reset: {reset.Error.Message}");
        if (reset.Error is null) _offset = 0;
        foreach (var requester in _rebuildRequesters) requester.Tell(answer);
        _rebuildRequesters.Clear();
        Self.Tell(new Start());
    }
}
