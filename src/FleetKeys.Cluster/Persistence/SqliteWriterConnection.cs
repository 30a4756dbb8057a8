using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// A SQLite connection whose write transactions take their file's <see cref="SqliteWriteGate"/> turn first, and hold it
/// until the connection closes (the journal, the snapshot store and the projections open one per transaction).
/// Microsoft.Data.Sqlite begins a transaction of any isolation level but read-uncommitted <c>IMMEDIATE</c>, which takes
/// the file's write lock at once: exactly the transactions that queue here. Read-uncommitted ones begin
/// <c>DEFERRED</c> and read a WAL snapshot without the lock. The journal's connections also wait out their write window
/// (<see cref="PersistenceSettings.JournalWriteWindow"/>) before the turn, so that its queue gathers rows meanwhile.
/// </summary>
internal sealed class SqliteWriterConnection(string connectionString, SqliteWriteGate gate, TimeSpan writeWindow) : SqliteConnection(connectionString)
{
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(5);

    private bool _holdingTurn;
    private long? _changesBefore;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (Deferred(isolationLevel)) return base.BeginDbTransaction(isolationLevel);
        gate.Enter();
        _holdingTurn = true;
        try
        {
            while (!LockIsFree()) Thread.Sleep(BusyPause);
            return Begun(base.BeginDbTransaction(isolationLevel));
        }
        catch
        {
            LeaveTurn();
            throw;
        }
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        if (Deferred(isolationLevel)) return base.BeginDbTransaction(isolationLevel);
        await gate.PaceAsync(writeWindow, cancellationToken);
        await gate.EnterAsync(cancellationToken);
        _holdingTurn = true;
        try
        {
            while (!LockIsFree()) await Task.Delay(BusyPause, cancellationToken);
            return Begun(base.BeginDbTransaction(isolationLevel));
        }
        catch
        {
            LeaveTurn();
            throw;
        }
    }

    public override void Close()
    {
        CountRows();
        base.Close();
        LeaveTurn();
    }

    protected override void Dispose(bool disposing)
    {
        CountRows();
        base.Dispose(disposing);
        LeaveTurn();
    }

    private static bool Deferred(IsolationLevel isolationLevel) => isolationLevel == IsolationLevel.ReadUncommitted;

    /// <summary>
    /// Tries the write lock once, without SQLite's or Microsoft.Data.Sqlite's waiting: a writer outside the gate (another
    /// process, a statement outside a transaction) is waited out here in short pauses, and counted.
    /// </summary>
    private bool LockIsFree()
    {
        var result = raw.sqlite3_exec(Handle, "BEGIN IMMEDIATE");
        if ((result & 0xFF) == raw.SQLITE_BUSY)
        {
            gate.Busy();
            return false;
        }

        // Any other failure is left to the real begin that follows, which reports it; only a probe that began is undone.
        if (result == raw.SQLITE_OK) raw.sqlite3_exec(Handle, "ROLLBACK");
        return true;
    }

    private DbTransaction Begun(DbTransaction transaction)
    {
        _changesBefore = raw.sqlite3_total_changes(Handle);
        return transaction;
    }

    /// <summary>The rows of the write transaction that held the turn, counted once, while the connection is still open.</summary>
    private void CountRows()
    {
        if (_changesBefore is not { } before || State != ConnectionState.Open) return;
        _changesBefore = null;
        gate.Tally.Wrote(raw.sqlite3_total_changes(Handle) - before);
    }

    private void LeaveTurn()
    {
        if (!_holdingTurn) return;
        _holdingTurn = false;
        gate.Leave();
    }
}
