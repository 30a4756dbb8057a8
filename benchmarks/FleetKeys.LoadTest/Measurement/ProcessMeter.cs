using System.Diagnostics;
using System.Globalization;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// CPU and resident memory of one process, read from Linux's /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/status: the node's
/// process alone, or the load test's own (simulated fleet and load generator). CPU is in percent of one core
/// (200 % = both cores of the reference machine).
/// </summary>
public sealed class ProcessMeter(int processId)
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private long _ticksAtStart;
    private long _startedAt;

    public int ProcessId => processId;

    public void Start()
    {
        _ticksAtStart = CpuTicks();
        _startedAt = Stopwatch.GetTimestamp();
    }

    public ProcessSample Sample()
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt);
        var cpu = TimeSpan.FromSeconds((CpuTicks() - _ticksAtStart) / TicksPerSecond);
        var (resident, peak) = Memory(processId);
        return new ProcessSample(resident, peak, wall > TimeSpan.Zero ? 100 * cpu / wall : 0);
    }

    /// <summary>utime + stime, fields 14 and 15; counted after the command name's closing parenthesis, which may hold spaces.</summary>
    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>VmRSS and VmHWM (the resident set's high-water mark over the process's life), in bytes.</summary>
    public static (long Resident, long Peak) Memory(int processId)
    {
        var (resident, peak) = (0L, 0L);
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
        }

        return (resident, peak);
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>Resident set now and at its peak over the process's life, and average CPU since <see cref="ProcessMeter.Start"/>.</summary>
public sealed record ProcessSample(long Resident, long PeakResident, double CpuPercent)
{
    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";
}

/// <summary>The node's process and the load test's own (simulated fleet and load generator), measured over the same window.</summary>
public sealed record ProcessMeters(ProcessMeter Node, ProcessMeter Fleet)
{
    public static ProcessMeters Started(int nodeProcessId)
    {
        var meters = new ProcessMeters(new ProcessMeter(nodeProcessId), new ProcessMeter(Environment.ProcessId));
        meters.Node.Start();
        meters.Fleet.Start();
        return meters;
    }
}
