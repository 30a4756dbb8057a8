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
    private static readonly TimeSpan DueIn = TimeSpan.FromSeconds(20);

    private FaultRig _rig = null!;

    public async Task InitializeAsync() => _rig = await FaultRig.StartAsync(new SqliteTestDatabase(), log, nodes: 1);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_node_on_sqlite_killed_under_load_restarts_on_its_file_loses_nothing_and_fires_its_deadline_once()
    {
        var late = _rig.Cabinets.First();
        await _rig.TakeKeyDueIn(late, DueIn);
        var due = Stopwatch.StartNew();
        _rig.StartActivity();
        await Eventually.Holds(() => Assert.True(_rig.Activity.Taken >= 3, $"{_rig.Activity}"), TimeSpan.FromSeconds(30));
        Assert.True(due.Elapsed < DueIn, $"the kill came {due.Elapsed.TotalSeconds:F1} s after the take, after the key fell due");

        var clock = Stopwatch.StartNew();
        _rig.Nodes[0].Kill();
        // Meanwhile the cabinets decide on their own and log; the restarted node collects their logs.
        foreach (var cabinet in _rig.Cabinets) await cabinet.WhenOffline(FaultRig.Within(30));
        await _rig.Restart(0);
        foreach (var cabinet in _rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(60));
        var recovered = clock.Elapsed;

        var api = _rig.Nodes[0].Client(FaultRig.AdminKey);
        await Eventually.Holds(async () => Assert.Contains("KeyOverdue", await FaultRig.SlotHistory(api, late, 1)), TimeSpan.FromSeconds(60));
        var overdueAfter = due.Elapsed;
        var stats = _rig.StopActivity();

        await _rig.AssertNothingLostOrDoubled(_rig.Nodes[0]);
        Assert.Single(await FaultRig.SlotHistory(api, late, 1), "KeyOverdue");
        _rig.Report($"kill -9 of the single SQLite node and restart: serving again after {recovered.TotalSeconds:F1} s; " +
                    $"a key due ~{DueIn.TotalSeconds:F0} s after its take recorded overdue once, {overdueAfter.TotalSeconds:F1} s after the take; " +
                    $"activity {stats}; events lost 0");
    }
}
