using System.Diagnostics;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// Resident memory and CPU of this process — node, simulated fleet and load generator together, so both are upper
/// bounds for the node alone. CPU is in percent of one core (200 % = both cores of the reference machine).
/// </summary>
public sealed class ProcessMeter
{
    private readonly Process _process = Process.GetCurrentProcess();
    private TimeSpan _cpuAtStart;
    private TimeSpan _gcPausedAtStart;
    private (int Gen0, int Gen1, int Gen2) _collectionsAtStart;
    private long _startedAt;
    private long _peakResident;

    public void Start()
    {
        _process.Refresh();
        _cpuAtStart = _process.TotalProcessorTime;
        _gcPausedAtStart = GC.GetTotalPauseDuration();
        _collectionsAtStart = Collections();
        _startedAt = Stopwatch.GetTimestamp();
        _peakResident = _process.WorkingSet64;
    }

    public ProcessSample Sample()
    {
        _process.Refresh();
        var resident = _process.WorkingSet64;
        _peakResident = Math.Max(_peakResident, resident);
        var wall = Stopwatch.GetElapsedTime(_startedAt);
        var cpu = _process.TotalProcessorTime - _cpuAtStart;
        var collections = Collections();
        return new ProcessSample(resident, _peakResident, wall > TimeSpan.Zero ? 100 * cpu / wall : 0,
            new GcSample(collections.Gen0 - _collectionsAtStart.Gen0, collections.Gen1 - _collectionsAtStart.Gen1,
                collections.Gen2 - _collectionsAtStart.Gen2, GC.GetTotalPauseDuration() - _gcPausedAtStart, wall));
    }

    // CollectionCount(0) counts every collection (a gen-1 one collects gen 0 too): subtract to get each kind alone.
    private static (int Gen0, int Gen1, int Gen2) Collections()
    {
        var (all, gen1AndUp, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        return (all - gen1AndUp, gen1AndUp - gen2, gen2);
    }
}

/// <summary>
/// Garbage collections since <see cref="ProcessMeter.Start"/> and the time every thread was paused for them: a long
/// pause stops deciding and answering alike, so it shows up whole in the latency tail.
/// </summary>
public sealed record GcSample(int Gen0, int Gen1, int Gen2, TimeSpan Paused, TimeSpan Wall)
{
    public override string ToString() =>
        $"GC {Gen0} gen0 / {Gen1} gen1 / {Gen2} gen2, paused {Paused.TotalMilliseconds:F0} ms " +
        $"({(Wall > TimeSpan.Zero ? Paused / Wall : 0):P1} of the time, {(Gen0 + Gen1 + Gen2 == 0 ? 0 : Paused.TotalMilliseconds / (Gen0 + Gen1 + Gen2)):F1} ms per collection)";
}

/// <summary>Resident set now and at its peak since <see cref="ProcessMeter.Start"/>, and average CPU and GC since then.</summary>
public sealed record ProcessSample(long Resident, long PeakResident, double CpuPercent, GcSample Gc)
{
    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";
}
