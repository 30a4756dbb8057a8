using Akka.Actor;
using Akka.Event;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// Pings the journal's database every <see cref="Interval"/> and announces each change on the event stream: drivers
/// stand down so controllers decide on their offline policy, and the API answers 503 at once. A ping without an answer
/// within <see cref="Patience"/> fails (a database that hangs is as useless as one that refuses); the
/// <see cref="OutageDetector"/> decides when failures make an outage.
/// </summary>
public sealed class DatabaseWatch : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private sealed record Tick;
    private sealed record Pinged(string? Failure);

    private readonly DatabasePing _ping;
    private readonly DatabaseAvailability _availability;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _pinging;
    private OutageDetector _detector = new(FailuresForOutage: 2);

    public DatabaseWatch(DatabasePing ping, DatabaseAvailability availability, TimeProvider clock)
    {
        _ping = ping;
        _availability = availability;
        _clock = clock;
        Receive<Tick>(_ => !_pinging, _ => Ping());
        Receive<Tick>(_ => { });
        Receive<Pinged>(OnPinged);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("ping", new Tick(), Interval);

    private void Ping()
    {
        _pinging = true;
        var timeout = new CancellationTokenSource(Patience);
        _ping.PingAsync(timeout.Token).ContinueWith(t =>
        {
            timeout.Dispose();
            return new Pinged(t.IsCompletedSuccessfully ? null : Describe(t.Exception?.GetBaseException()));
        }, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    private static string Describe(Exception? e) => e switch
    {
        null or OperationCanceledException => $"no answer within {Patience.TotalSeconds:0.#} s",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private void OnPinged(Pinged pinged)
    {
        _pinging = false;
        (_detector, var changed) = _detector.Observe(answered: pinged.Failure is null);
        if (!changed) return;
        var change = new DatabaseReachabilityChanged(_detector.Reachable, _clock.GetUtcNow(), pinged.Failure);
        _availability.Set(change);
        if (change.Reachable) _log.Info("The journal database answers again");
        else _log.Warning("The journal database is unreachable ({0}): requests fail fast, controllers decide offline", pinged.Failure);
        Context.System.EventStream.Publish(change);
    }
}
