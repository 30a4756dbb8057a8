using System.Text;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// What someone with write access to the database can do to the audit: rewrite a person's key limit in the journal and in
/// the audit log (their name is sealed in both, issue #23), recomputing the chain after it with the rule <see cref="AuditChain"/> documents, so every row still checks.
/// </summary>
public static class AuditForger
{
    /// <returns>The rewritten row's number.</returns>
    public static async Task<long> RaiseKeyLimitEverywhere(ReadDatabase database, string person, int limit, int forged)
    {
        var (was, becomes) = ($"\"MaxKeys\":{limit},", $"\"MaxKeys\":{forged},");
        await using var db = database.Open();
        var rows = await db.GetTable<AuditRow>().OrderBy(r => r.Seq).ToListAsync();
        var victim = rows.First(r => r.PersistenceId == $"person-{person}" && r.Payload.Contains(was));
        await using (var journal = database.OpenJournal())
        {
            var message = await journal.ExecuteAsync<byte[]>("SELECT message FROM journal WHERE ordering = @o", new DataParameter("o", victim.Ordering));
            var rewritten = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).Replace(was, becomes));
            await journal.ExecuteAsync("UPDATE journal SET message = @m WHERE ordering = @o",
                new DataParameter("m", rewritten, DataType.VarBinary), new DataParameter("o", victim.Ordering));
        }

        victim.Payload = victim.Payload.Replace(was, becomes);
        var previous = victim.PreviousHash;
        foreach (var row in rows.SkipWhile(r => r.Seq < victim.Seq))
        {
            row.PreviousHash = previous;
            row.Hash = AuditChain.HashOf(row);
            await db.UpdateAsync(row);
            previous = row.Hash;
        }

        return victim.Seq;
    }
}
