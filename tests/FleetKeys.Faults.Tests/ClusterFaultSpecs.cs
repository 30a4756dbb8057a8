using System.Diagnostics;
using FleetKeys.Simulator;
using FleetKeys.Testing;
using Xunit.Abstractions;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// A node of the cluster lost — killed or frozen — as processes on loopback under a steady simulated load. Each run
/// reports its figures (time to recover, what the simulated people saw) in the test output; docs/operations.md records
/// them. The faults that strike the whole cluster are <see cref="ClusterWideFaultSpecs"/>: the two classes run side by side.
/// </summary>
[LongRunning]
public sealed class ClusterFaultSpecs(ITestOutputHelper log) : ClusterRigSpecs
{
    [Fact]
    public async Task A_node_killed_with_sigkill_has_its_controllers_served_by_the_survivors_and_loses_nothing()
    {
        var drivers = await Rig.DriversByController(Rig.Nodes[0]);
        var hosts = new Dictionary<SimulatedCabinet, string?>();
        foreach (var cabinet in Rig.Cabinets) hosts[cabinet] = await FaultRig.HostOf(Rig.Nodes[0], "cabinet", cabinet.CabinetId);
        // The victim drives controllers and hosts a cabinet whose key will fall due after it died.
        var victim = Rig.Nodes.Where(n => hosts.ContainsValue(n.Address)).OrderByDescending(n => drivers.Values.Count(d => d == n.Address)).First();
        var orphaned = drivers.Where(d => d.Value == victim.Address).Select(d => d.Key).ToList();
        var late = hosts.First(h => h.Value == victim.Address).Key;
        var key = await Rig.TakeKeyDueSoon(late);
        // Some custody in flight when the node dies: that is the point.
        await Rig.StartBusyActivity();
        key.AssertStillBeforeDue();

        var clock = Stopwatch.StartNew();
        victim.Kill();
        var survivor = Rig.Nodes.First(n => n != victim);
        await Eventually.Holds(async () =>
        {
            var now = await Rig.DriversByController(survivor);
            Assert.All(now, d => Assert.True(d.Value is not null && d.Value != victim.Address, $"{d.Key} driven by {d.Value}"));
        }, TimeSpan.FromSeconds(60));
        foreach (var cabinet in Rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(60));
        var recovered = clock.Elapsed;

        // The deadline its dead host had armed fires on the survivors, once.
        var api = survivor.Client(FaultRig.AdminKey);
        var overdueAfter = await key.WhenRecordedOverdue(api);
        var stats = Rig.StopActivity();

        await Rig.AssertNothingLostOrDoubled(survivor);
        await key.AssertOverdueOnce(api);
        log.WriteLine($"kill -9 of node {victim.Index} ({orphaned.Count} controllers): serving again after {recovered.TotalSeconds:F1} s; " +
                    $"a key hosted by the dead node, due ~{FaultRig.DueIn.TotalSeconds:F0} s after its take, recorded overdue once, {overdueAfter.TotalSeconds:F1} s after the take; " +
                    $"activity {stats}; events lost 0");
        // The recovery time is a figure to report (docs/operations.md), not a pass mark: speed is measured, not asserted.
        Assert.NotEmpty(orphaned);
    }

    [Fact]
    public async Task A_frozen_node_is_downed_by_the_majority_and_does_not_come_back_as_a_zombie_when_it_thaws()
    {
        Rig.StartActivity();
        var drivers = await Rig.DriversByController(Rig.Nodes[0]);
        var frozen = Rig.Nodes.OrderByDescending(n => drivers.Values.Count(d => d == n.Address)).First();
        var survivor = Rig.Nodes.First(n => n != frozen);
        var orphaned = drivers.Where(d => d.Value == frozen.Address).Select(d => d.Key).ToList();
        Assert.NotEmpty(orphaned);
        var clock = Stopwatch.StartNew();
        frozen.Freeze();
        await Eventually.Holds(async () =>
        {
            var now = await Rig.DriversByController(survivor);
            Assert.All(orphaned, c => Assert.True(now[c] is not null && now[c] != frozen.Address, $"{c} driven by {now[c]}"));
        }, TimeSpan.FromSeconds(90));
        var recovered = clock.Elapsed;

        frozen.Thaw();
        // Downed while frozen, the node learns it on waking and shuts itself down instead of writing as a second owner.
        await frozen.WaitForExit(TimeSpan.FromSeconds(60));
        foreach (var cabinet in Rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(60));
        var stats = Rig.StopActivity();

        await Rig.AssertNothingLostOrDoubled(survivor);
        log.WriteLine($"SIGSTOP of node {frozen.Index}: others serving after {recovered.TotalSeconds:F1} s; thawed node exited; activity {stats}");
    }
}
