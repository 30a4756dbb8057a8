using System.Runtime;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// The node's managed heap right after a full, compacting collection at the workload's end — what it really keeps alive
/// — and its resident memory then: the gap between that and the run's resident peak is the collector's slack (garbage
/// not yet collected, memory kept for allocations), not data.
/// </summary>
public sealed record LiveHeap(long HeapBytes, long ResidentAfter)
{
    /// <summary>Collects everything, the large-object heap compacted too, and answers the heap that is left.</summary>
    public static long CollectAll()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo().HeapSizeBytes;
    }

    public override string ToString() =>
        $"managed heap {ProcessSample.Megabytes(HeapBytes)} live after a full compacting collection at the end, resident then {ProcessSample.Megabytes(ResidentAfter)}";
}
