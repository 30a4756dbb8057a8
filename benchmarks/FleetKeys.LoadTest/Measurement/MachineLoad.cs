namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// How contended the machine is, from Linux: the 1-minute load average and the CPU pressure stall share (the part of the
/// last minute in which some runnable task waited for a core). On a shared 2-core machine the latencies measured here
/// are mostly this wait, so every report carries it.
/// </summary>
public static class MachineLoad
{
    public static string Describe()
    {
        var load = Read("/proc/loadavg")?.Split(' ')[0] ?? "?";
        var pressure = Read("/proc/pressure/cpu")?.Split('\n')[0].Split(' ')
            .FirstOrDefault(f => f.StartsWith("avg60=", StringComparison.Ordinal))?["avg60=".Length..] ?? "?";
        return $"load average {load} on {Environment.ProcessorCount} cores, CPU pressure {pressure} % (some, avg60)";
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, System.Text.Encoding.ASCII).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
