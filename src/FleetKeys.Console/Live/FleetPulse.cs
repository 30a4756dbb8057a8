using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Live;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Console.Live;

/// <summary>
/// The API's live feed, followed once per node and shared by every open console. A change is passed on once the read
/// side shows it (the projection that keeps its rows has read past its journal position), so a screen that reloads its
/// rows on a change sees the change: screens read the same tables as the API and never the journal.
/// </summary>
public sealed class FleetPulse(LiveFeed feed, ReadDatabase database, ActorSystem system, ILogger<FleetPulse> log)
    : BackgroundService
{
    /// <summary>How long a change waits for its projection before it is passed on anyway (a projection being rebuilt).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The feed is followed only while a screen listens, and for this long after the last one left (page changes).</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private ImmutableList<Action<IReadOnlyList<LiveEvent>>> _listeners = [];
    private readonly Queue<(LiveEvent Event, long Position, long Seen)> _waiting = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _wanted = new(0);
    private CancellationTokenSource? _following;
    private ITimer? _linger;

    /// <summary>Changes since the pulse started, for the benchmarks.</summary>
    public long Passed { get; private set; }

    /// <summary>Called with each batch of changes the read side now shows, on a background thread: keep it short.</summary>
    public IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> listener)
    {
        lock (_gate)
        {
            _listeners = _listeners.Add(listener);
            _linger?.Dispose();
            _linger = null;
            if (_listeners.Count == 1 && _following is null) _wanted.Release();
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _listeners = _listeners.Remove(listener);
                if (_listeners.IsEmpty && _following is { } following)
                    _linger = TimeProvider.System.CreateTimer(_ => StopIfIdle(following), null, Linger, Timeout.InfiniteTimeSpan);
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(Follow(stoppingToken), Release(stoppingToken));

    private void StopIfIdle(CancellationTokenSource following)
    {
        lock (_gate)
            if (_listeners.IsEmpty && _following == following) following.Cancel();
    }

    /// <summary>
    /// While screens listen, reads the feed from the journal's head on, resuming after the last position seen if the
    /// stream fails; a screen opened later loads what it shows afresh, so nothing before it is needed.
    /// </summary>
    private async Task Follow(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _wanted.WaitAsync(stoppingToken);
            using var following = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (_gate) _following = following;
            await FollowUntilCancelled(following.Token);
            lock (_gate)
            {
                _following = null;
                if (!_listeners.IsEmpty) _wanted.Release();
            }
        }
    }

    private async Task FollowUntilCancelled(CancellationToken cancellationToken)
    {
        long? after = null;
        var pending = new List<LiveEvent>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                after ??= await feed.Head(cancellationToken);
                var source = feed.After(after.Value, null, null, Visibility.Everything);
                await foreach (var item in source.RunAsAsyncEnumerable(system.Materializer()).WithCancellation(cancellationToken))
                {
                    pending.Add(item);
                    if (item.Id is not { } position) continue;
                    after = position;
                    lock (_gate)
                        foreach (var e in pending) _waiting.Enqueue((e, position, Environment.TickCount64));
                    pending.Clear();
                    _arrived.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (CoordinatedShutdown.Get(system).ShutdownReason is not null)
            {
                // The node is leaving: its actor system ended the stream before the host cancelled the follower.
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "The console's live feed failed; following it again in a second");
                pending.Clear();
                await Pause(cancellationToken);
            }
        }
    }

    private static Task Pause(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Passes changes on in journal order as their projections catch up.</summary>
    private async Task Release(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _arrived.WaitAsync(stoppingToken);
                while (Count() > 0)
                {
                    var offsets = await Offsets(stoppingToken);
                    var ready = new List<LiveEvent>();
                    lock (_gate)
                        while (_waiting.TryPeek(out var next) && (Shown(next.Event, next.Position, offsets)
                                   || Environment.TickCount64 - next.Seen > MaxWait.TotalMilliseconds))
                            ready.Add(_waiting.Dequeue().Event);
                    if (ready.Count > 0) Publish(ready);
                    else await Task.Delay(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "The console could not read the projections' offsets; trying again");
                _arrived.Release();
                await Pause(stoppingToken);
            }
        }
    }

    private int Count()
    {
        lock (_gate) return _waiting.Count;
    }

    private Task<Dictionary<string, long>> Offsets(CancellationToken cancellationToken) =>
        database.Query(async (db, ct) => (await db.GetTable<ProjectionOffsetRow>().ToListAsync(ct)).ToDictionary(o => o.Name, o => o.Ordering),
            cancellationToken);

    /// <summary>The projection whose rows a change alters has read past it.</summary>
    private static bool Shown(LiveEvent change, long position, Dictionary<string, long> offsets) =>
        offsets.GetValueOrDefault(change.Type switch
        {
            LiveEvent.Custody => "custody",
            LiveEvent.Alarm => "alarms",
            LiveEvent.Cabinet => "cabinets",
            LiveEvent.Discrepancy => "discrepancies",
            _ => "people",
        }) >= position;

    private void Publish(IReadOnlyList<LiveEvent> changes)
    {
        Passed += changes.Count;
        foreach (var listener in _listeners)
        {
            try
            {
                listener(changes);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "A console screen failed to take a live change");
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
