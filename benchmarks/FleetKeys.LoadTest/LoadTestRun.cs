using System.Diagnostics;
using System.Security.Cryptography;
using FleetKeys.LoadTest.Hosting;
using FleetKeys.LoadTest.Journal;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.LoadTest.Workload;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;

namespace FleetKeys.LoadTest;

/// <summary>
/// One run, start to end: the simulated fleet in this process, a node in a process of its own on the given database
/// (so each process's CPU and memory are measured alone), provisioning, the journal's own write
/// rate, the open-loop workload, a cold restart, and the audit of the journal against what physically happened.
/// </summary>
public static class LoadTestRun
{
    private static readonly TimeSpan QuietBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<LoadTestReport> RunAsync(LoadTestOptions options, TestDatabase database, TextWriter output, CancellationToken cancellationToken)
    {
        var progress = new Progress(output);
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var fleet = new SimulatedFleet(options.Layout, secret, TimeProvider.System);
        await fleet.StartAsync(cancellationToken);
        var population = new Population(options, fleet);
        progress.Note($"simulated fleet listening: {options.Controllers} controllers, {population.Cabinets.Count} cabinets, {population.Keys} keys; " +
                      $"{options.People} people in {options.Sites} sites; journal on {database.Settings.Provider}");

        Task<NodeUnderTest> Start(CancellationToken token) => NodeUnderTest.StartAsync(database.Settings, secret, options, token);
        var node = await Start(cancellationToken);
        try
        {
            progress.Note($"node up in a process of its own (pid {node.ProcessId}); simulated fleet and load generator in this one (pid {Environment.ProcessId})");
            var provisioning = await new Provisioner(node, options, progress).RunAsync(population, cancellationToken);
            var (nodeProvisioned, fleetProvisioned) = (ProcessMeter.Memory(node.ProcessId).Resident, ProcessMeter.Memory(Environment.ProcessId).Resident);
            progress.Note($"provisioned: fleet {provisioning.Fleet.TotalSeconds:F1} s, people {provisioning.People.TotalSeconds:F1} s, " +
                          $"allow-lists complete {provisioning.UntilReady.TotalSeconds:F1} s later; node rss {ProcessSample.Megabytes(nodeProvisioned)}, " +
                          $"fleet+generator rss {ProcessSample.Megabytes(fleetProvisioned)}");

            // The fleet's steady cost with nobody at the cabinets: the driver polling every cabinet at its poll interval.
            // Measured before the baseline, after a pause for provisioning's last writes to drain.
            await Task.Delay(Settle, cancellationToken);
            var idle = ProcessMeters.Started(node.ProcessId);
            await Task.Delay(options.IdleWindow, cancellationToken);
            var (nodeIdle, fleetIdle) = (idle.Node.Sample().CpuPercent, idle.Fleet.Sample().CpuPercent);
            progress.Note($"idle (polling only), {population.Cabinets.Count} cabinets: node CPU {nodeIdle:F0}% of one core, " +
                          $"simulated fleet {fleetIdle:F0}%");

            var baseline = await node.MeasureJournalBaseline(cancellationToken);
            progress.Note($"journal baseline: {baseline.EventsPerSecond:F0} events/s ({baseline.Events} events of {baseline.PayloadBytes} bytes " +
                          $"in batches of {options.BaselineBatch} from {options.BaselineWriters} writers)");

            await using var probe = options.ConsoleProbe ? await ConsoleProbe.StartAsync(node.BaseAddress, node.AdminKey) : null;
            var firstRenders = probe is null ? default : await probe.FirstRenders(population.Cabinets[0].Cabinet.CabinetId, 5);
            if (probe is not null)
                progress.Note($"console first render: fleet overview {firstRenders.Fleet}; cabinet view {firstRenders.Cabinet}");

            var stats = new RunStats();
            var model = new FleetModel(population, options.MaxKeysPerPerson, options.Seed);
            var errands = new Errands(model, stats, node, population.Cabinets, options.StepTimeout);
            var workload = ProcessMeters.Started(node.ProcessId);
            var collections = await node.Collections(cancellationToken);
            var writes = await node.Writes(cancellationToken);
            var workloadClock = Stopwatch.StartNew();
            using var watching = new CancellationTokenSource();
            var console = probe?.Watch(node, firstRenders, watching.Token);
            var window = await new OpenLoop(options, model, errands, stats, workload, progress).RunAsync(cancellationToken);
            await watching.CancelAsync();
            var consoleFigures = console is null ? null : await console;
            var (nodeUnderLoad, fleetUnderLoad) = (workload.Node.Sample(), workload.Fleet.Sample());
            var gc = (await node.Collections(cancellationToken)).Since(collections, workloadClock.Elapsed);
            var written = (await node.Writes(cancellationToken)).Since(writes);
            var live = await node.CollectAll(cancellationToken);
            var machine = MachineLoad.Describe();

            ColdStartResult? coldStart = null;
            if (options.ColdStart)
            {
                (node, coldStart) = await new ColdStart(population, model, errands, progress).RestartAsync(node, Start, cancellationToken);
                progress.Note($"cold start: first grant {coldStart.FirstGrant.TotalSeconds:F2} s, fleet online {coldStart.FleetOnline.TotalSeconds:F2} s, " +
                              $"offline allow-lists whole again {coldStart.ListsWholeText}");
            }

            await WhenQuiet(population, cancellationToken);
            var links = population.Cabinets.Select(p => p.Cabinet.Counters).ToList();
            progress.Note($"the cabinets' ends of the links: {links.Sum(c => c.Sessions)} secure sessions opened for {links.Count} cabinets " +
                          $"(one each per node, more when the driver started over), {links.Sum(c => c.Retransmissions)} retransmissions answered, " +
                          $"{links.Sum(c => c.Rejected)} frames refused");
            var audit = await JournalAudit.RunAsync(database.Settings, secret, population, stats, cancellationToken);
            // A cold start's node is a new process: the node's peak is the higher of the two processes' high-water marks.
            var nodePeak = Math.Max(nodeUnderLoad.PeakResident, ProcessMeter.Memory(node.ProcessId).Peak);
            return new LoadTestReport(options, database.Settings.Provider, population.Keys, provisioning, baseline, stats, window,
                new ProcessFigures(nodeIdle, nodeUnderLoad.CpuPercent, nodeProvisioned, nodePeak),
                new ProcessFigures(fleetIdle, fleetUnderLoad.CpuPercent, fleetProvisioned, ProcessMeter.Memory(Environment.ProcessId).Peak),
                gc, written, machine, coldStart, audit) { Console = consoleFigures, NodeLive = live };
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>Every event every cabinet logged acknowledged, or the bound reached (the audit then counts what is still pending).</summary>
    private static async Task WhenQuiet(Population population, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(QuietBound);
        try
        {
            await Task.WhenAll(population.Cabinets.Select(p => p.Cabinet.WhenAllEventsAcknowledged(bounded.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reported by the audit as events still pending.
        }
    }
}
