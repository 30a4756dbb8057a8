using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// One writer at a time per SQLite file, queued in this process. SQLite lets one connection write a file at a time;
/// Microsoft.Data.Sqlite answers a connection that finds the file locked by sleeping its thread 150 ms and trying again.
/// The journal, the snapshot store, SCIM (the journal's file) and eight projections (the read side's file) used to race
/// for the lock that way, and the losers' sleeping thread-pool threads were the SQLite access tail
/// (docs/benchmarks.md, finding 6). Every write transaction of the node's connections now waits its turn here, without
/// holding a thread; readers never do (WAL gives them a snapshot of their own). Only SQLite: PostgreSQL has row locks.
/// The gate also knows when the file's last write transaction ended, so the journal's writes are paced behind it
/// (docs/benchmarks.md, finding 13).
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Files = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _clock;
    private long _busy;
    private long _waited;
    private long _lastWriteEnded;

    internal SqliteWriteGate(WriteTally tally, TimeProvider clock) => (Tally, _clock) = (tally, clock);

    /// <summary>The gate of the file a connection string names: one per file and process, whichever code opens it.</summary>
    public static SqliteWriteGate For(string connectionString) =>
        Files.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource),
            path => new SqliteWriteGate(WriteTally.For(path, Path.GetFileName(path)), TimeProvider.System));

    /// <summary>Every file this process has gated, by full path.</summary>
    public static IReadOnlyDictionary<string, SqliteWriteGate> Opened => Files;

    /// <summary>The file's write transactions and their rows.</summary>
    public WriteTally Tally { get; }

    /// <summary>
    /// Write transactions that, holding the turn, still found the file locked — by another process, or by a writer of
    /// this one that does not take its turn here. Each is waited out without a thread asleep.
    /// </summary>
    public long BusyCollisions => Interlocked.Read(ref _busy);

    /// <summary>Write transactions that found another one of this process under way and queued behind it.</summary>
    public long Queued => Interlocked.Read(ref _waited);

    /// <summary>
    /// Waits out what is left of <paramref name="window"/> since the file's last write transaction ended, without holding
    /// a thread; at once after a quiet moment.
    /// </summary>
    internal Task PaceAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero) return Task.CompletedTask;
        var left = window - _clock.GetElapsedTime(Interlocked.Read(ref _lastWriteEnded));
        return left > TimeSpan.Zero ? Task.Delay(left, _clock, cancellationToken) : Task.CompletedTask;
    }

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

    internal void Leave()
    {
        Interlocked.Exchange(ref _lastWriteEnded, _clock.GetTimestamp());
        _turn.Release();
    }

    internal void Busy() => Interlocked.Increment(ref _busy);
}
