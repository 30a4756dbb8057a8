using FleetKeys.Cluster.Persistence;
using FleetKeys.LoadTest.Hosting;
using FleetKeys.LoadTest.Journal;
using FleetKeys.LoadTest.Measurement;

namespace FleetKeys.LoadTest;

/// <summary>The figures of one run, printed against the targets of DESIGN.md.</summary>
public sealed record LoadTestReport(
    LoadTestOptions Options,
    DatabaseProvider Provider,
    int Keys,
    ProvisioningTimes Provisioning,
    BaselineResult Baseline,
    RunStats Stats,
    TimeSpan Window,
    ProcessFigures Node,
    ProcessFigures Fleet,
    GcSample NodeGc,
    WriteSample NodeWrites,
    string MachineAtEnd,
    ColdStartResult? ColdStart,
    AuditResult Audit)
{
    /// <summary>The console probe's figures, when it ran.</summary>
    public ConsoleFigures? Console { get; init; }

    /// <summary>The node's live heap after the workload, when it was measured.</summary>
    public LiveHeap? NodeLive { get; init; }

    public double CustodyPerSecond => Stats.CustodyTransactions / Window.TotalSeconds;

    public double ShareOfJournal => CustodyPerSecond / Baseline.EventsPerSecond;

    /// <summary>The node's CPU time per persisted custody transaction, over what it costs with the fleet idle.</summary>
    public double? NodeCpuMillisecondsPerTransaction => Node.CpuMillisecondsPer(Stats.CustodyTransactions, Window);

    /// <summary>The same for the simulated fleet and the load generator.</summary>
    public double? FleetCpuMillisecondsPerTransaction => Fleet.CpuMillisecondsPer(Stats.CustodyTransactions, Window);

    public int Errors => Stats.ErrorCount;

    /// <summary>No errors, a clean audit, and after a cold start every cabinet's offline allow-list whole again.</summary>
    public bool Passed => Errors == 0 && Audit.Clean && ListsWholeAfterColdStart;

    private bool ListsWholeAfterColdStart => ColdStart is not { ListsWhole: null };

    public void Print(TextWriter output)
    {
        var o = Options;
        output.WriteLine();
        output.WriteLine($"== FleetKeys load test on {Provider}: {o.Controllers} controllers × {o.CabinetsPerController} cabinets × {o.Slots} slots " +
                         $"= {Keys} keys, {o.People} people in {o.Sites} sites; offered {o.Rate}/s for {Window.TotalSeconds:F0} s " +
                         $"(+{o.Warmup.TotalSeconds:F0} s warm-up), burst ×{o.BurstFactor} for {o.BurstLength.TotalSeconds:F0} s");
        output.WriteLine($"machine at the end of the workload: {MachineAtEnd}");
        output.WriteLine($"provisioning: fleet {Provisioning.Fleet.TotalSeconds:F1} s, people {Provisioning.People.TotalSeconds:F1} s, " +
                         $"allow-lists complete {Provisioning.UntilReady.TotalSeconds:F1} s later");
        output.WriteLine($"journal baseline: {Baseline.EventsPerSecond:F0} events/s (PersistAll × {o.BaselineBatch}, {o.BaselineWriters} writers, " +
                         $"{Baseline.PayloadBytes}-byte events, {Baseline.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine($"custody transactions: {Stats.CustodyTransactions} persisted ({Stats.Takes} takes, {Stats.Returns} returns) = " +
                         $"{CustodyPerSecond:F0}/s sustained, {ShareOfJournal:P1} of the journal baseline");
        output.WriteLine($"denials {Stats.Denials}, revocations {Stats.Revocations}, arrivals shed {Stats.Shed}");
        foreach (var latencies in Stats.AllLatencies) output.WriteLine($"  {latencies.Summary()}");
        output.WriteLine($"errors: {Errors}" + string.Concat(Stats.Errors.Select(e => $"\n  {e.Value} × {e.Key}")));
        foreach (var unanswered in Stats.Unanswered) output.WriteLine($"  unanswered: {unanswered}");
        output.WriteLine($"audit: lost {Audit.Lost}, duplicated {Audit.Duplicated}, still pending {Audit.StillPending}, " +
                         $"forced removals {Audit.ForcedRemovals}, custody ≠ physical {Audit.CustodyMismatches}");
        output.WriteLine($"node, its process alone: {Node.Describe(NodeCpuMillisecondsPerTransaction)}");
        output.WriteLine($"node under load: {NodeGc}");
        if (NodeLive is { } live) output.WriteLine($"node after the workload: {live}");
        output.WriteLine($"node's database writes under load: {NodeWrites}");
        output.WriteLine($"simulated fleet and load generator, the load test's process: {Fleet.Describe(FleetCpuMillisecondsPerTransaction)}");
        if (ColdStart is { } cold)
            output.WriteLine($"cold start with {cold.KeysOnRecord} keys on record: node up {cold.NodeUp.TotalSeconds:F2} s, " +
                             $"first grant {cold.FirstGrant.TotalSeconds:F2} s, whole fleet online {cold.FleetOnline.TotalSeconds:F2} s, " +
                             $"offline allow-lists whole again {cold.ListsWholeText}");

        var access = Stats.AccessDecision.Summary();
        var revocation = Stats.RevocationPurged.Summary();
        output.WriteLine();
        output.WriteLine("| figure | target | measured |");
        output.WriteLine("|---|---|---|");
        output.WriteLine($"| custody transactions | ≥ 1,000/s and ≥ 50 % of the journal | {CustodyPerSecond:F0}/s at {o.Rate}/s offered, {ShareOfJournal:P1} of {Baseline.EventsPerSecond:F0} events/s |");
        output.WriteLine($"| access decision | p99 ≤ 25 ms at 200/s | p50 {access.P50:F1} / p90 {access.P90:F1} / p99 {access.P99:F1} / max {access.Max:F1} ms at {o.Rate}/s |");
        output.WriteLine($"| revocation purged everywhere | p99 ≤ 250 ms | p50 {revocation.P50:F0} / p99 {revocation.P99:F0} ms over {revocation.Count} revocations, {Options.Cabinets} cabinets |");
        if (ColdStart is { } c)
            output.WriteLine($"| cold start | first grant ≤ 5 s, fleet online ≤ 30 s | {c.FirstGrant.TotalSeconds:F1} s, {c.FleetOnline.TotalSeconds:F1} s ({c.KeysOnRecord} keys); " +
                             $"allow-lists whole {c.ListsWholeText} |");
        if (Console is { } console)
        {
            output.WriteLine($"| console first render | ≤ 1 s | fleet overview p50 {console.FleetFirstRender.P50:F0} / max {console.FleetFirstRender.Max:F0} ms, " +
                             $"cabinet view p50 {console.CabinetFirstRender.P50:F0} / max {console.CabinetFirstRender.Max:F0} ms ({Options.Cabinets} cabinets) |");
            output.WriteLine($"| console live | ≤ 2 s after the event | {console.ChangesPerSecond:F0} changes/s taken in, {console.RefreshesPerSecond:F1} refreshes/s; " +
                             $"what it shows is p50 {console.Staleness.P50:F0} / p99 {console.Staleness.P99:F0} / max {console.Staleness.Max:F0} ms old |");
        }

        output.WriteLine($"| node CPU per custody transaction | ≤ 0.5 ms | {ProcessFigures.PerTransaction(NodeCpuMillisecondsPerTransaction)} (node's process; idle {Node.IdleCpuPercent:F0}%, under load {Node.UnderLoadCpuPercent:F0}% of one core) |");
        output.WriteLine($"| memory | ≤ 1.5 GB resident | node peak {ProcessSample.Megabytes(Node.PeakResident)} (node's process alone) |");
        output.WriteLine($"| lost or duplicated events | 0 | {Audit.Lost} lost, {Audit.Duplicated} duplicated |");
        output.WriteLine($"{(Passed ? "PASSED" : "FAILED")}: {Errors} errors, audit {(Audit.Clean ? "clean" : "NOT clean")}" +
                         (ListsWholeAfterColdStart ? "" : ", offline allow-lists not whole again after the cold start"));
    }
}

/// <summary>
/// One process's figures: average CPU (percent of one core) with the fleet idle and over the workload, resident memory
/// once provisioned, and the resident set's high-water mark.
/// </summary>
public sealed record ProcessFigures(double IdleCpuPercent, double UnderLoadCpuPercent, long ProvisionedResident, long PeakResident)
{
    /// <summary>
    /// None when nothing was persisted or the idle sample is not below the loaded one: on a machine busy with other
    /// work the idle window can be starved, and a difference at or under zero would be a figure of the machine.
    /// </summary>
    public double? CpuMillisecondsPer(long transactions, TimeSpan window) =>
        transactions == 0 || UnderLoadCpuPercent <= IdleCpuPercent
            ? null
            : (UnderLoadCpuPercent - IdleCpuPercent) / 100 * window.TotalMilliseconds / transactions;

    public static string PerTransaction(double? milliseconds) =>
        milliseconds is { } ms ? $"{ms:F2} ms above idle" : "no figure (idle sample not below the loaded one: machine busy)";

    public string Describe(double? perTransaction) =>
        $"CPU idle {IdleCpuPercent:F0}%, under load {UnderLoadCpuPercent:F0}% of one core, per custody transaction {PerTransaction(perTransaction)}; " +
        $"resident provisioned {ProcessSample.Megabytes(ProvisionedResident)}, peak {ProcessSample.Megabytes(PeakResident)}";
}
