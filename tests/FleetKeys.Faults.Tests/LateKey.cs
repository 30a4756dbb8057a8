using System.Diagnostics;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>A key taken with a return-by time <see cref="FaultRig.DueIn"/> after its take, whose overdue a fault must not lose or repeat.</summary>
public sealed record LateKey(SimulatedCabinet Cabinet, Stopwatch SinceTaken)
{
    public void AssertStillBeforeDue() =>
        Assert.True(SinceTaken.Elapsed < FaultRig.DueIn, $"the fault came {SinceTaken.Elapsed.TotalSeconds:F1} s after the take, after the key fell due");

    /// <summary>Waits until the slot's history records the key overdue; returns how long after the take that was.</summary>
    public async Task<TimeSpan> WhenRecordedOverdue(HttpClient api)
    {
        await Eventually.Holds(async () => Assert.Contains("keyslot.overdue.v1", await FaultRig.SlotHistory(api, Cabinet, 1)), TimeSpan.FromSeconds(60));
        return SinceTaken.Elapsed;
    }

    public async Task AssertOverdueOnce(HttpClient api) => Assert.Single(await FaultRig.SlotHistory(api, Cabinet, 1), "keyslot.overdue.v1");
}
