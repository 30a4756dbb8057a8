using System.Data.Common;
using LinqToDB.Common;
using LinqToDB.Interceptors;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// The journal's write transactions on PostgreSQL, counted. Akka.Persistence.Sql (tags in the row's own column) writes
/// each batch of its queue as one <c>INSERT</c> in a transaction of its own, so a command run in a transaction is a write
/// transaction here; reads (recovery, highest sequence number) run readers or scalars and are not counted. Not paced:
/// a window in front of these writes (one writer instead of three) did not raise the ceiling (docs/benchmarks.md, finding 14).
/// </summary>
internal sealed class PostgresJournalWrites(WriteTally tally) : CommandInterceptor
{
    public override async Task<Option<int>> ExecuteNonQueryAsync(CommandEventData eventData, DbCommand command, Option<int> result, CancellationToken cancellationToken)
    {
        if (result.HasValue || command.Transaction is null) return result;
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        tally.Wrote(rows);
        return Option<int>.Some(rows);
    }
}
