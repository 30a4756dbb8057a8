using System.Diagnostics;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>Latency samples of one kind, in milliseconds; thread-safe. Bounded: past the cap, samples are counted but not kept.</summary>
public sealed class Latencies(string name)
{
    private const int Cap = 2_000_000;
    private readonly Lock _gate = new();
    private readonly List<double> _samples = [];

    public string Name => name;

    public void Record(long fromTimestamp, long toTimestamp) => Record(Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds);

    public void Record(double milliseconds)
    {
        lock (_gate)
            if (_samples.Count < Cap) _samples.Add(milliseconds);
    }

    public LatencySummary Summary()
    {
        double[] sorted;
        lock (_gate) sorted = [.. _samples];
        Array.Sort(sorted);
        return new LatencySummary(name, sorted.Length, At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }

    /// <summary>Nearest rank: the smallest sample with at least that share of samples at or below it.</summary>
    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record LatencySummary(string Name, int Count, double P50, double P90, double P99, double Max)
{
    public override string ToString() =>
        Count == 0 ? $"{Name}: no samples" : $"{Name}: n={Count} p50={P50:F1} ms p90={P90:F1} ms p99={P99:F1} ms max={Max:F1} ms";
}
