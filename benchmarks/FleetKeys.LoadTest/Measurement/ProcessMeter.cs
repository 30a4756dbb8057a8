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
    private long _startedAt;
    private long _peakResident;

    public void Start()
    {
        _process.Refresh();
        _cpuAtStart = _process.TotalProcessorTime;
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
        return new ProcessSample(resident, _peakResident, wall > TimeSpan.Zero ? 100 * cpu / wall : 0);
    }
}

/// <summary>Resident set now and at its peak since <see cref="ProcessMeter.Start"/>, and average CPU since then.</summary>
public sealed record ProcessSample(long Resident, long PeakResident, double CpuPercent)
{
    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";
}
