using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// The write transactions of one store — a SQLite file, or the journal's table on PostgreSQL — and the rows each
/// carried. Every write transaction pays a <c>BEGIN</c> and a <c>COMMIT</c> (on SQLite and a synchronous PostgreSQL also an
/// <c>fsync</c>): one row per transaction means the journal pays them per event (docs/benchmarks.md, findings 13 and 14).
/// Only a count: the journal's writes on SQLite are paced by the file's <see cref="SqliteWriteGate"/>.
/// </summary>
public sealed class WriteTally
{
    private static readonly ConcurrentDictionary<string, WriteTally> Stores = new(StringComparer.Ordinal);

    private static readonly Histogram<long> RowsPerWrite = FleetKeysMeter.Meter.CreateHistogram<long>("fleetkeys.database.rows_per_write",
        unit: "{row}", description: "Rows inserted, updated or deleted per write transaction, per store (SQLite file, PostgreSQL journal)");

    private readonly KeyValuePair<string, object?> _store;
    private long _writes;
    private long _rows;

    internal WriteTally(string name) => (Name, _store) = (name, new("store", name));

    /// <summary>The tally of the store <paramref name="key"/> names: one per store and process, whichever code writes it.</summary>
    internal static WriteTally For(string key, string name) => Stores.GetOrAdd(key, _ => new WriteTally(name));

    /// <summary>Every store this process has written, by key (a SQLite file's full path, a PostgreSQL server and database).</summary>
    public static IReadOnlyDictionary<string, WriteTally> Opened => Stores;

    /// <summary>How the store is shown: a SQLite file's name, or <c>postgresql journal</c>.</summary>
    public string Name { get; }

    /// <summary>Write transactions that ended (committed or rolled back).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The rows those transactions inserted, updated or deleted.</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    internal void Wrote(long rows)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _rows, rows);
        RowsPerWrite.Record(rows, _store);
    }
}
