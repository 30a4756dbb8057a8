using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// Runs the dispatcher as a cluster singleton, one pass at a time: each notice leaves from one node, and the queue
/// moves with the singleton when that node leaves (what was in flight is sent again: at least once).
/// </summary>
public sealed class NotificationDispatcherActor : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private sealed record Done;

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public NotificationDispatcherActor(
        ReadDatabase database, TimeProvider clock, NotificationSettings settings, FleetAdmin admin, SubscriptionSecrets secrets, ILogger log)
    {
        _http = new HttpClient { Timeout = settings.RequestTimeout };
        var dispatcher = new NotificationDispatcher(database, clock, settings, new WebhookSender(_http, clock, secrets),
            new EmailSender(settings.Smtp, admin), log);
        // One writer in the cluster (this singleton) brings secrets an older version stored in clear under seal.
        new NotificationStore(database, clock, secrets).SealClearSecrets(_stopping.Token).ContinueWith(t =>
        {
            if (t.Exception is { } e) log.LogError(e.GetBaseException(), "Sealing webhook secrets stored in clear failed; they stay usable");
            else if (t.IsCompletedSuccessfully && t.Result > 0) log.LogWarning("Sealed {Count} webhook secrets stored in clear", t.Result);
        }, TaskContinuationOptions.ExecuteSynchronously);

        Receive<Tick>(_ =>
        {
            if (_busy) return;
            _busy = true;
            dispatcher.DispatchDue(_stopping.Token).ContinueWith(t =>
            {
                if (t.Exception is { } e) log.LogError(e.GetBaseException(), "Dispatching notifications failed; trying again");
                return new Done();
            }, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
        });
        Receive<Done>(_ => { _busy = false; });
        Timers.StartPeriodicTimer("tick", new Tick(), settings.PollInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PostStop()
    {
        _stopping.Cancel();
        _http.Dispose();
    }
}
