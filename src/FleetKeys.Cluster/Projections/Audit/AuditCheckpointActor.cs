using Akka.Actor;
using FleetKeys.Domain.Alarms;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Runs the checkpointer and the anchoring as a cluster singleton, one pass at a time on the Akka scheduler: one signer in
/// the cluster, so checkpoint numbers follow one another. What each pass saw of the anchors goes to the actor that records
/// lapses and catch-ups.
/// </summary>
public sealed class AuditCheckpointActor : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private sealed record Done(AnchoringObserved? Seen);

    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public AuditCheckpointActor(AuditCheckpointer checkpointer, AuditAnchoring anchoring, AuditSettings settings, ILogger log)
    {
        var recorder = Context.ActorOf(Props.Create(() => new AuditAnchoringActor()), AuditAnchoringActor.Id);
        Receive<Tick>(_ =>
        {
            if (_busy) return;
            _busy = true;
            Pass(checkpointer, anchoring, _stopping.Token).ContinueWith(t =>
            {
                if (t.Exception is { } e) log.LogError(e.GetBaseException(), "An audit checkpoint pass failed; trying again");
                else if (t.IsCompletedSuccessfully && t.Result.Waiting > 0)
                    log.LogWarning("{Waiting} audit checkpoints wait for an anchor: {Error}", t.Result.Waiting, t.Result.Error);
                return new Done(t.IsCompletedSuccessfully ? t.Result : null);
            }, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
        });
        Receive<Done>(done =>
        {
            _busy = false;
            if (done.Seen is { } seen) recorder.Tell(seen);
        });
        Timers.StartPeriodicTimer("tick", new Tick(), settings.PollInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private static async Task<AnchoringObserved> Pass(AuditCheckpointer checkpointer, AuditAnchoring anchoring, CancellationToken cancellationToken)
    {
        await checkpointer.SignIfDue(cancellationToken);
        return await anchoring.AnchorPending(cancellationToken);
    }

    protected override void PostStop() => _stopping.Cancel();
}
