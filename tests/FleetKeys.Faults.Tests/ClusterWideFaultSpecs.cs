using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FleetKeys.Testing;
using Xunit.Abstractions;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// Faults that strike the whole cluster at once — its database gone for a while, every node restarted in turn — as
/// processes on loopback under a steady simulated load, reporting their figures like <see cref="ClusterFaultSpecs"/>. Both
/// leave every node running, so they share one cluster, healed between them.
/// </summary>
[LongRunning]
public sealed class ClusterWideFaultSpecs(ClusterStage stage, ITestOutputHelper log) : IClassFixture<ClusterStage>, IAsyncLifetime
{
    private FaultRig Rig { get; set; } = null!;

    public async Task InitializeAsync() => Rig = await stage.Healthy(log);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The scenario's length, as issue and runbook state it: long enough for every breaker and backoff to open.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_database_outage_fails_requests_fast_lets_cabinets_decide_offline_and_recovers_without_restarting_nodes()
    {
        await Rig.StartBusyActivity();
        var api = Rig.Nodes[1].Client(FaultRig.AdminKey);

        var clock = Stopwatch.StartNew();
        Rig.DatabaseLink!.Cut();
        TimeSpan answeredIn = default;
        await Eventually.Holds(async () =>
        {
            // A request sent before the node noticed waits for its entity to give up; only an answer within a second counts.
            var request = Stopwatch.StartNew();
            var response = await api.PostAsJsonAsync("/api/v1/sites", new { id = "during-outage", name = "x", timeZone = "UTC" },
                FaultRig.Within(1));
            answeredIn = request.Elapsed;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("cannot reach its database", await response.Content.ReadAsStringAsync());
        }, TimeSpan.FromSeconds(15));
        var failingFastAfter = clock.Elapsed;

        // Let go by their drivers, the controllers decide by their allow-lists: people keep taking keys.
        foreach (var cabinet in Rig.Cabinets) await cabinet.WhenOffline(FaultRig.Within(30));
        var takenOffline = Rig.Activity.Taken;
        await Eventually.Holds(() => Assert.True(Rig.Activity.Taken > takenOffline, $"{Rig.Activity}"), Outage);
        await Task.Delay(Outage - clock.Elapsed > TimeSpan.Zero ? Outage - clock.Elapsed : TimeSpan.Zero);
        var during = Rig.Activity;

        Rig.DatabaseLink.Resume();
        var back = Stopwatch.StartNew();
        foreach (var cabinet in Rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(90));
        await Eventually.Holds(async () =>
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/sites", new { id = "after-outage", name = "x", timeZone = "UTC" })).StatusCode),
            TimeSpan.FromSeconds(60));
        var recovered = back.Elapsed;
        var stats = Rig.StopActivity();
        await Rig.WhenAllEventsAcknowledged(TimeSpan.FromSeconds(90));
        var uploaded = back.Elapsed;

        Assert.All(Rig.Nodes, n => Assert.False(n.HasExited, $"node {n.Index} exited during the outage:\n{n.Output}"));
        await Rig.AssertNothingLostOrDoubled(Rig.Nodes[0]);
        log.WriteLine($"database cut for {Outage.TotalSeconds:F0} s: requests refused in {answeredIn.TotalMilliseconds:F0} ms " +
                    $"from {failingFastAfter.TotalSeconds:F1} s into the outage; {during.Taken - takenOffline} keys taken offline; " +
                    $"serving again {recovered.TotalSeconds:F1} s after the database returned, every cabinet's log uploaded after {uploaded.TotalSeconds:F1} s; " +
                    $"activity {stats}; events lost 0");
    }

    [Fact]
    public async Task A_rolling_restart_of_every_node_loses_no_transaction()
    {
        Rig.StartActivity();
        var clock = Stopwatch.StartNew();
        var each = new List<TimeSpan>();
        for (var i = 0; i < Rig.Nodes.Count; i++)
        {
            var restart = Stopwatch.StartNew();
            await Rig.Nodes[i].Stop();
            await Rig.Restart(i);
            each.Add(restart.Elapsed);
        }

        foreach (var cabinet in Rig.Cabinets) await cabinet.WhenOnline(FaultRig.Within(60));
        var stats = Rig.StopActivity();

        await Rig.AssertNothingLostOrDoubled(Rig.Nodes[0]);
        log.WriteLine($"rolling restart of 3 nodes in {clock.Elapsed.TotalSeconds:F1} s " +
                   $"({string.Join(", ", each.Select(t => t.TotalSeconds.ToString("F1")))} s from each stop to every member up again); activity {stats}; events lost 0");
        Assert.True(stats.Taken > 0, "the simulated people should have kept taking keys during the restart");
    }
}
