using System.Diagnostics;
using FleetKeys.LoadTest.Measurement;

namespace FleetKeys.LoadTest.Workload;

/// <summary>
/// The open-loop clock: errands start at the offered rate whether or not earlier ones have finished (a closed loop
/// would slow down with the system and hide its queueing). Custody errands (a take or a return, half each when both
/// are possible) arrive at <see cref="LoadTestOptions.Rate"/>, refused badges at the denial share of it, one revocation
/// every <see cref="LoadTestOptions.RevokeEvery"/>; the shift-change burst multiplies the rate for a while.
/// Bounded: it stops after warm-up plus duration, then waits at most a few step timeouts for errands under way.
/// </summary>
public sealed class OpenLoop(LoadTestOptions options, FleetModel model, Errands errands, RunStats stats, ProcessMeters meters, Progress progress)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);
    private readonly Random _random = new(options.Seed);
    private int _inFlight;

    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var total = options.Warmup + options.Duration;
        var (custodyDue, denialsDue) = (0.0, 0.0);
        var nextRevocation = options.Warmup;
        var nextReport = options.ProgressEvery;
        var last = TimeSpan.Zero;
        var measuredFrom = 0L;
        var persistedAtReport = 0L;
        while (clock.Elapsed < total && !cancellationToken.IsCancellationRequested)
        {
            var now = clock.Elapsed;
            var measuring = now >= options.Warmup;
            if (measuring && !stats.Measuring) (stats.Measuring, measuredFrom) = (true, Stopwatch.GetTimestamp());
            var intoWindow = now - options.Warmup;
            stats.InBurst = measuring && intoWindow >= options.BurstAt && intoWindow < options.BurstAt + options.BurstLength;
            var rate = options.Rate * (stats.InBurst ? options.BurstFactor : 1);
            var elapsed = (now - last).TotalSeconds;
            last = now;
            custodyDue += rate * elapsed;
            denialsDue += rate * options.DenialShare * elapsed;
            for (; custodyDue >= 1; custodyDue--) Start(CustodyErrand(), cancellationToken);
            for (; denialsDue >= 1; denialsDue--) Start(model.PickDenial() is { } denial ? ct => errands.Deny(denial, ct) : null, cancellationToken);
            if (measuring && options.RevokeEvery > TimeSpan.Zero && now >= nextRevocation)
            {
                // Jittered, so revocations sample every phase of the periodic work they wait on (distributed data's notify tick).
                nextRevocation += options.RevokeEvery * (0.5 + _random.NextDouble());
                Start(model.PickRevocation() is { } person ? ct => errands.Revoke(person, ct) : null, cancellationToken);
            }

            if (now >= nextReport)
            {
                var persisted = stats.CustodyTransactions;
                Report(now, (persisted - persistedAtReport) / options.ProgressEvery.TotalSeconds, rate);
                (persistedAtReport, nextReport) = (persisted, nextReport + options.ProgressEvery);
            }

            await Task.Delay(Tick, cancellationToken);
        }

        stats.Measuring = false;
        var window = Stopwatch.GetElapsedTime(measuredFrom);
        await Drain(cancellationToken);
        return window;
    }

    private Func<CancellationToken, Task>? CustodyErrand()
    {
        var returnFirst = _random.Next(2) == 0;
        if (returnFirst && model.PickReturn() is { } back) return ct => errands.Return(back, ct);
        if (model.PickTake() is { } take) return ct => errands.Take(take, ct);
        if (!returnFirst && model.PickReturn() is { } other) return ct => errands.Return(other, ct);
        return null;
    }

    private void Start(Func<CancellationToken, Task>? errand, CancellationToken cancellationToken)
    {
        if (errand is null || Volatile.Read(ref _inFlight) >= options.MaxInFlight)
        {
            stats.Shedding();
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await errand(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }, CancellationToken.None);
    }

    private async Task Drain(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _inFlight) > 0 && deadline.Elapsed < options.StepTimeout * 4)
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        if (Volatile.Read(ref _inFlight) is var left and > 0) stats.Error($"{left} errands still under way after the drain");
    }

    private void Report(TimeSpan now, double persistedPerSecond, double offered)
    {
        var (node, fleet) = (meters.Node.Sample(), meters.Fleet.Sample());
        var access = stats.AccessDecision.Summary();
        var phase = now < options.Warmup ? "warm-up" : stats.InBurst ? "burst" : "measure";
        progress.Note($"{phase,-7} offered {offered,6:F0}/s  persisted {persistedPerSecond,6:F0}/s  in flight {Volatile.Read(ref _inFlight),5}  " +
                      $"keys out {model.KeysOut,5}  access p99 {access.P99,6:F1} ms  errors {stats.ErrorCount}  shed {stats.Shed}  " +
                      $"node rss {ProcessSample.Megabytes(node.Resident)} cpu avg {node.CpuPercent:F0}%  fleet+generator cpu avg {fleet.CpuPercent:F0}%  " +
                      $"pool threads {ThreadPool.ThreadCount} queued {ThreadPool.PendingWorkItemCount}; {MachineLoad.Describe()}");
    }
}
