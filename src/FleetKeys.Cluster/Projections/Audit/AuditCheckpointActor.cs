using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Runs the checkpointer as a cluster singleton, one pass at a time on the Akka scheduler: one signer in the cluster, so
/// checkpoint numbers follow one another.
/// </summary>
public sealed class AuditCheckpointActor : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private sealed record Done;

    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public AuditCheckpointActor(AuditCheckpointer checkpointer, AuditSettings settings, ILogger log)
    {
        Receive<Tick>(_ =>
        {
            if (_busy) return;
            _busy = true;
            checkpointer.SignIfDue(_stopping.Token).ContinueWith(t =>
            {
                if (t.Exception is { } e) log.LogError(e.GetBaseException(), "Signing an audit checkpoint failed; trying again");
                return new Done();
            }, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
        });
        Receive<Done>(_ => { _busy = false; });
        Timers.StartPeriodicTimer("tick", new Tick(), settings.PollInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PostStop() => _stopping.Cancel();
}
