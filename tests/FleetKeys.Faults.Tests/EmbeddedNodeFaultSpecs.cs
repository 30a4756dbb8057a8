using System.Diagnostics;
using FleetKeys.Testing;
using Xunit.Abstractions;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// The embedded default under the fault that applies to it: one node on its SQLite file, killed under load and started
/// again. (Several nodes, a frozen member and a database outage are the PostgreSQL topology's: <see cref="ClusterFaultSpecs"/>.)
/// </summary>
public sealed class EmbeddedNodeFaultSpecs(ITestOutputHelper log) : IAsyncLifetime
{
    private FaultRig _rig = null!;

    public async Task InitializeAsync() => _rig = await FaultRig.StartAsync(new SqliteTestDatabase(), nodes: 1);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_node_on_sqlite_killed_under_load_restarts_on_its_file_loses_nothing_and_fires_its_deadline_once()
    {
        var key = await _rig.TakeKeyDueSoon(_rig.Cabinets.First());
        await _rig.StartBusyActivity();
        key.AssertStillBeforeDue();

        var clock = Stopwatch.StartNew();
        _rig.Nodes[0].Kill();
        // Meanwhile the cabinets decide on their own and log; the restarted node collects their logs.
        foreach (var cabinet in _rig.Cabinets) await cabinet.WhenOffline(FaultRig.Within(30));
        await _rig.Restart(0);
        foreach (var cabinet in _rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(60));
        var recovered = clock.Elapsed;

        var api = _rig.Nodes[0].Client(FaultRig.AdminKey);
        var overdueAfter = await key.WhenRecordedOverdue(api);
        var stats = _rig.StopActivity();

        await _rig.AssertNothingLostOrDoubled(_rig.Nodes[0]);
        await key.AssertOverdueOnce(api);
        log.WriteLine($"kill -9 of the single SQLite node and restart: serving again after {recovered.TotalSeconds:F1} s; " +
                    $"a key due ~{FaultRig.DueIn.TotalSeconds:F0} s after its take recorded overdue once, {overdueAfter.TotalSeconds:F1} s after the take; " +
                    $"activity {stats}; events lost 0");
    }
}
