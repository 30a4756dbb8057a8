using System.Security.Cryptography;
using FleetKeys.LoadTest.Hosting;
using FleetKeys.LoadTest.Journal;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.LoadTest.Workload;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;
using FleetKeys.Console.Live;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.LoadTest;

/// <summary>
/// One run, start to end: the simulated fleet, a node on the given database, provisioning, the journal's own write
/// rate, the open-loop workload, a cold restart, and the audit of the journal against what physically happened.
/// </summary>
public static class LoadTestRun
{
    private static readonly TimeSpan QuietBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<LoadTestReport> RunAsync(LoadTestOptions options, TestDatabase database, TextWriter output, CancellationToken cancellationToken)
    {
        var progress = new Progress(output);
        var whole = new ProcessMeter();
        whole.Start();
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var fleet = new SimulatedFleet(new FleetLayout(options.Controllers, options.CabinetsPerController, options.Slots),
            secret, TimeProvider.System);
        await fleet.StartAsync(cancellationToken);
        var population = new Population(options, fleet);
        var fleetOnly = whole.Sample().Resident;
        progress.Note($"simulated fleet listening: {options.Controllers} controllers, {population.Cabinets.Count} cabinets, {population.Keys} keys; " +
                      $"{options.People} people in {options.Sites} sites; journal on {database.Settings.Provider}");

        Task<BenchmarkNode> Start(CancellationToken token) => BenchmarkNode.StartAsync(database.Settings, secret, options, token);
        var node = await Start(cancellationToken);
        try
        {
            var provisioning = await new Provisioner(node.Admin, options, progress).RunAsync(population, cancellationToken);
            var provisioned = whole.Sample();
            progress.Note($"provisioned: fleet {provisioning.Fleet.TotalSeconds:F1} s, people {provisioning.People.TotalSeconds:F1} s, " +
                          $"allow-lists complete {provisioning.UntilReady.TotalSeconds:F1} s later; rss {ProcessSample.Megabytes(provisioned.Resident)}");

            // The fleet's steady cost with nobody at the cabinets: the driver polling every cabinet at its poll interval.
            // Measured before the baseline, after a pause for provisioning's last writes to drain.
            await Task.Delay(Settle, cancellationToken);
            var idle = new ProcessMeter();
            idle.Start();
            await Task.Delay(IdleWindow, cancellationToken);
            var idleCpu = idle.Sample().CpuPercent;
            progress.Note($"idle (polling only): CPU {idleCpu:F0}% of one core for {population.Cabinets.Count} cabinets");

            var baseline = await JournalBaseline.MeasureAsync(node.System, options, cancellationToken);
            progress.Note($"journal baseline: {baseline.EventsPerSecond:F0} events/s ({baseline.Events} events of {baseline.PayloadBytes} bytes " +
                          $"in batches of {options.BaselineBatch} from {options.BaselineWriters} writers)");

            await using var probe = options.ConsoleProbe ? await ConsoleProbe.StartAsync(node.BaseAddress, node.AdminKey) : null;
            var firstRenders = probe is null ? default : await probe.FirstRenders(population.Cabinets[0].Cabinet.CabinetId, 5);
            if (probe is not null)
                progress.Note($"console first render: fleet overview {firstRenders.Fleet}; cabinet view {firstRenders.Cabinet}");

            var stats = new RunStats();
            var model = new FleetModel(population, options.MaxKeysPerPerson, options.Seed);
            var errands = new Errands(model, stats, node.Admin, population.Cabinets, options.StepTimeout);
            var workload = new ProcessMeter();
            workload.Start();
            using var watching = new CancellationTokenSource();
            var console = probe?.Watch(node.App.Services.GetRequiredService<FleetPulse>(), firstRenders, watching.Token);
            var window = await new OpenLoop(options, model, errands, stats, workload, progress).RunAsync(cancellationToken);
            await watching.CancelAsync();
            var consoleFigures = console is null ? null : await console;
            var underLoad = workload.Sample();
            var machine = MachineLoad.Describe();

            ColdStartResult? coldStart = null;
            if (options.ColdStart)
            {
                (node, coldStart) = await new ColdStart(population, model, errands, progress).RestartAsync(node, Start, cancellationToken);
                progress.Note($"cold start: first grant {coldStart.FirstGrant.TotalSeconds:F2} s, fleet online {coldStart.FleetOnline.TotalSeconds:F2} s");
            }

            await WhenQuiet(population, cancellationToken);
            var audit = await JournalAudit.RunAsync(database.Settings, node.System, population, stats, cancellationToken);
            return new LoadTestReport(options, database.Settings.Provider, population.Keys, provisioning, baseline, stats, window,
                idleCpu, underLoad, machine, whole.Sample(), fleetOnly, provisioned.Resident, coldStart, audit) { Console = consoleFigures };
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
