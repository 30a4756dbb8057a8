using System.Runtime;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// The node's garbage collections so far and the time every thread was paused for them, as its process counts them,
/// and its managed heap now: what the last collection left and what the collector holds from the system, which with
/// the process's resident memory tells the heap's share of it.
/// </summary>
public sealed record GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused, bool Server, long HeapBytes, long CommittedBytes)
{
    // CollectionCount(0) counts every collection (a gen-1 one collects gen 0 too): subtract to get each kind alone.
    public static GcCounts Now()
    {
        var (all, gen1AndUp, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var heap = GC.GetGCMemoryInfo();
        return new GcCounts(all - gen1AndUp, gen1AndUp - gen2, gen2, GC.GetTotalPauseDuration(), GCSettings.IsServerGC,
            heap.HeapSizeBytes, heap.TotalCommittedBytes);
    }

    public GcSample Since(GcCounts start, TimeSpan wall) =>
        new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused, wall, Server, HeapBytes, CommittedBytes);
}

/// <summary>
/// Garbage collections over a window and the time every thread was paused for them: a long pause stops deciding and
/// answering alike, so it shows up whole in the latency tail. The heap figures are the window's end.
/// </summary>
public sealed record GcSample(int Gen0, int Gen1, int Gen2, TimeSpan Paused, TimeSpan Wall, bool Server, long HeapBytes, long CommittedBytes)
{
    public override string ToString() =>
        $"GC {Gen0} gen0 / {Gen1} gen1 / {Gen2} gen2, paused {Paused.TotalMilliseconds:F0} ms " +
        $"({(Wall > TimeSpan.Zero ? Paused / Wall : 0):P1} of the time, {(Gen0 + Gen1 + Gen2 == 0 ? 0 : Paused.TotalMilliseconds / (Gen0 + Gen1 + Gen2)):F1} ms per collection); " +
        $"managed heap {ProcessSample.Megabytes(HeapBytes)} after the last collection, {ProcessSample.Megabytes(CommittedBytes)} committed ({(Server ? "server" : "workstation")} GC)";
}
