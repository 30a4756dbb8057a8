using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// The node's write transactions so far and the rows they wrote, per store (SQLite file, PostgreSQL journal), and the
/// person keys it read or made ahead of the journal and on its thread (docs/benchmarks.md, finding 16). On SQLite also
/// how often a write transaction queued behind another of the node's, and how often, its turn come, it still found the
/// file locked by a writer outside the gate (<see cref="SqliteWriteGate"/>).
/// </summary>
public sealed record WriteCounts(IReadOnlyDictionary<string, FileWrites> Files, PersonKeyCounts Keys)
{
    public static WriteCounts Now(PersonKeys keys)
    {
        var gates = SqliteWriteGate.Opened.Values.ToLookup(g => g.Tally.Name);
        return new(WriteTally.Opened.Values.GroupBy(s => s.Name).ToDictionary(s => s.Key, s => new FileWrites(
                s.Sum(t => t.Writes), s.Sum(t => t.RowsWritten), Gated(gates[s.Key], g => g.Queued), Gated(gates[s.Key], g => g.BusyCollisions))),
            new(keys.Prepared, keys.LoadedInline));
    }

    /// <summary>A gate's count over a store's gates; none for a store without one (PostgreSQL).</summary>
    private static long? Gated(IEnumerable<SqliteWriteGate> gates, Func<SqliteWriteGate, long> count) =>
        gates.Any() ? gates.Sum(count) : null;

    public WriteSample Since(WriteCounts start) => new(Files.ToDictionary(f => f.Key, f =>
        f.Value.Since(start.Files.GetValueOrDefault(f.Key) ?? new FileWrites(0, 0, null, null))), new(Keys.Ahead - start.Keys.Ahead, Keys.Inline - start.Keys.Inline));
}

public sealed record PersonKeyCounts(long Ahead, long Inline);

public sealed record FileWrites(long Transactions, long Rows, long? Queued, long? FoundLocked)
{
    public FileWrites Since(FileWrites start) =>
        new(Transactions - start.Transactions, Rows - start.Rows, Queued - start.Queued, FoundLocked - start.FoundLocked);
}

/// <summary>
/// Write transactions over a window and the rows each carried on average: every one pays a <c>BEGIN</c>, a
/// <c>COMMIT</c> (on SQLite its <c>fsync</c>) (docs/benchmarks.md, findings 13 and 14).
/// </summary>
public sealed record WriteSample(IReadOnlyDictionary<string, FileWrites> Files, PersonKeyCounts Keys)
{
    public override string ToString() => (Files.Count == 0
        ? "none counted"
        : string.Join("; ", Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f =>
            $"{f.Key} {f.Value.Transactions} write transactions, {(f.Value.Transactions == 0 ? 0 : (double)f.Value.Rows / f.Value.Transactions):F2} rows each{Gate(f.Value)}")))
        + $"; person keys read or made ahead {Keys.Ahead}, on the journal's or a recovery's thread {Keys.Inline}";

    private static string Gate(FileWrites file) => file is { Queued: { } queued, FoundLocked: { } locked }
        ? $" ({queued} queued behind another, {locked} found the file locked by a writer outside the gate)"
        : "";
}
