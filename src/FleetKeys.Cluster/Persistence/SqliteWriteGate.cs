using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// One writer at a time per SQLite file, queued in this process. SQLite lets one connection write a file at a time;
/// Microsoft.Data.Sqlite answers a connection that finds the file locked by sleeping its thread 150 ms and trying again.
/// The journal, the snapshot store, SCIM (the journal's file) and eight projections (the read side's file) used to race
/// for the lock that way, and the losers' sleeping thread-pool threads were the SQLite access tail
/// (docs/benchmarks.md, finding 6). Every write transaction of the node's connections now waits its turn here, without
/// holding a thread; readers never do (WAL gives them a snapshot of their own). Only SQLite: PostgreSQL has row locks.
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Files = new(StringComparer.Ordinal);

    /// <summary>
    /// How many rows each write transaction carried: every one pays a <c>BEGIN</c>, a <c>COMMIT</c> and its
    /// <c>fsync</c>, so one row per transaction means the journal pays them per event (docs/benchmarks.md, finding 13).
    /// </summary>
    private static readonly Histogram<long> RowsPerWrite = FleetKeysMeter.Meter.CreateHistogram<long>("fleetkeys.sqlite.rows_per_write",
        unit: "{row}", description: "Rows inserted, updated or deleted per write transaction, per SQLite file");

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly KeyValuePair<string, object?> _file;
    private long _busy;
    private long _waited;
    private long _writes;
    private long _rows;
    private long _lastWriteEnded;

    private readonly TimeProvider _clock;

    internal SqliteWriteGate(string path, TimeProvider clock) => (_file, _clock) = (new("file", Path.GetFileName(path)), clock);

    /// <summary>The gate of the file a connection string names: one per file and process, whichever code opens it.</summary>
    public static SqliteWriteGate For(string connectionString) =>
        Files.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), path => new SqliteWriteGate(path, TimeProvider.System));

    /// <summary>Every file this process has opened a gated connection to, by full path.</summary>
    public static IReadOnlyDictionary<string, SqliteWriteGate> Opened => Files;

    /// <summary>
    /// Write transactions that, holding the turn, still found the file locked — by another process, or by a writer of
    /// this one that does not take its turn here. Each is waited out without a thread asleep.
    /// </summary>
    public long BusyCollisions => Interlocked.Read(ref _busy);

    /// <summary>Write transactions that found another one of this process under way and queued behind it.</summary>
    public long Queued => Interlocked.Read(ref _waited);

    /// <summary>Write transactions that took their turn here and ended (committed or rolled back).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The rows those transactions inserted, updated or deleted.</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    internal async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (_turn.Wait(0)) return;
        Interlocked.Increment(ref _waited);
        await _turn.WaitAsync(cancellationToken);
    }

    internal void Enter()
    {
        if (_turn.Wait(0)) return;
        Interlocked.Increment(ref _waited);
        _turn.Wait();
    }

    /// <summary>
    /// Waits out what is left of <paramref name="window"/> since the file's last write transaction ended, without
    /// holding the turn or a thread; at once after a quiet moment.
    /// </summary>
    internal Task PaceAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero) return Task.CompletedTask;
        var left = window - _clock.GetElapsedTime(Interlocked.Read(ref _lastWriteEnded));
        return left > TimeSpan.Zero ? Task.Delay(left, _clock, cancellationToken) : Task.CompletedTask;
    }

    internal void Leave()
    {
        Interlocked.Exchange(ref _lastWriteEnded, _clock.GetTimestamp());
        _turn.Release();
    }

    internal void Busy() => Interlocked.Increment(ref _busy);

    internal void Wrote(long rows)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _rows, rows);
        RowsPerWrite.Record(rows, _file);
    }
}
