using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Idempotency;

/// <summary>The first sight of an idempotency key claims it; later sights find the claim, and once stored, the response.</summary>
public abstract record IdempotencyClaim
{
    public sealed record Claimed : IdempotencyClaim;

    /// <summary>Seen before with the same request; <c>Response</c> is null while the first one is still being handled.</summary>
    public sealed record Seen(IdempotencyRow Response) : IdempotencyClaim;

    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Idempotency keys of commands, in the shared database so a retry that lands on another node is recognised too.
/// Keys are kept for a day: long enough for any client's retries, short enough that the table stays small.
/// </summary>
public sealed class IdempotencyStore(ReadDatabase database, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<IdempotencyClaim> Claim(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await database.Query(async (db, ct) =>
        {
            var expired = Ticks.Of(now - Retention);
            await db.GetTable<IdempotencyRow>().Where(r => r.CreatedAt < expired).DeleteAsync(ct);
            try
            {
                await db.InsertAsync(new IdempotencyRow { Key = key, Fingerprint = fingerprint, CreatedAt = Ticks.Of(now) }, token: ct);
                return (IdempotencyClaim)new IdempotencyClaim.Claimed();
            }
            catch (Exception)
            {
                // The primary key refused a second claim: the request was seen before (or is being handled right now).
                var existing = await db.GetTable<IdempotencyRow>().FirstOrDefaultAsync(r => r.Key == key, ct);
                if (existing is null) throw;
                return existing.Fingerprint == fingerprint ? new IdempotencyClaim.Seen(existing) : new IdempotencyClaim.Mismatch();
            }
        }, cancellationToken);
    }

    public Task Complete(string key, int statusCode, string? contentType, string body, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<IdempotencyRow>().Where(r => r.Key == key)
            .Set(r => r.StatusCode, statusCode).Set(r => r.ContentType, contentType).Set(r => r.Body, body).UpdateAsync(ct), cancellationToken);

    /// <summary>A request that failed before it had an answer gives its key back, so a retry is handled afresh.</summary>
    public Task Release(string key, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<IdempotencyRow>().Where(r => r.Key == key && r.StatusCode == null).DeleteAsync(ct), cancellationToken);
}
