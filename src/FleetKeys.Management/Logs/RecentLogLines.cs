using Microsoft.Extensions.Logging;

namespace FleetKeys.Management.Logs;

/// <summary>
/// The node's last log lines in memory, for "fleetctl log recent" on a node whose console nobody watches. Fed by a
/// Serilog sink in the node; bounded, so a chatty node costs a fixed amount of memory.
/// </summary>
public sealed class RecentLogLines(int capacity = 2000)
{
    private readonly Queue<LogLine> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(LogLine line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity) _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    /// <summary>The last <paramref name="count"/> lines at <paramref name="atLeast"/> or above, oldest first.</summary>
    public IReadOnlyList<LogLine> Recent(LogLevel atLeast, int count)
    {
        lock (_gate) return [.. _lines.Where(l => l.Level >= atLeast).TakeLast(count)];
    }
}
