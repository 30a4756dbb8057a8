using System.Diagnostics;

namespace FleetKeys.LoadTest;

/// <summary>Timestamped progress lines, from any thread, so a long run shows what it is doing.</summary>
public sealed class Progress(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Note(string message)
    {
        lock (_gate) output.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:F1}s] {message}");
    }
}
