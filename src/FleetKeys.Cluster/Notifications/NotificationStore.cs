using System.Security.Cryptography;
using FleetKeys.Cluster.Projections;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Notifications;

/// <summary>Subscriptions and the deliveries that went wrong, as the management API sees them.</summary>
public sealed class NotificationStore(ReadDatabase database, TimeProvider clock, SubscriptionSecrets secrets)
{
    /// <summary>
    /// Stores a new subscription; a webhook gets its signing secret here, returned this once and stored only sealed.
    /// </summary>
    public async Task<(SubscriptionRow Subscription, string? Secret)> Create(SubscriptionRow subscription, CancellationToken cancellationToken)
    {
        subscription.SubscriptionId = "sub-" + Guid.NewGuid().ToString("N")[..16];
        var secret = subscription.Channel == SubscriptionRow.Webhook ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        subscription.Secret = secret is null ? null : secrets.Seal(subscription.SubscriptionId, secret);
        subscription.CreatedAt = clock.GetUtcNow().UtcTicks;
        await database.Query((db, ct) => db.InsertAsync(subscription, token: ct), cancellationToken);
        return (subscription, secret);
    }

    /// <summary>Seals the secrets an older version stored in clear; returns how many.</summary>
    public Task<int> SealClearSecrets(CancellationToken cancellationToken) =>
        database.Query(async (db, ct) =>
        {
            var clear = (await db.GetTable<SubscriptionRow>().Where(s => s.Secret != null).ToListAsync(ct))
                .Where(s => !SubscriptionSecrets.IsSealed(s.Secret!)).ToList();
            foreach (var subscription in clear)
                await db.GetTable<SubscriptionRow>().Where(s => s.SubscriptionId == subscription.SubscriptionId && s.Secret == subscription.Secret)
                    .Set(s => s.Secret, secrets.Seal(subscription.SubscriptionId, subscription.Secret!)).UpdateAsync(ct);
            return clear.Count;
        }, cancellationToken);

    /// <summary>Replaces what a subscription wants and where it goes; its id and secret stay.</summary>
    public Task<bool> Update(SubscriptionRow subscription, CancellationToken cancellationToken) =>
        database.Query(async (db, ct) => await db.GetTable<SubscriptionRow>().Where(s => s.SubscriptionId == subscription.SubscriptionId)
            .Set(s => s.Url, subscription.Url).Set(s => s.Recipients, subscription.Recipients).Set(s => s.ToHolder, subscription.ToHolder)
            .Set(s => s.ToManager, subscription.ToManager).Set(s => s.Kinds, subscription.Kinds).Set(s => s.Sites, subscription.Sites)
            .Set(s => s.QuietFrom, subscription.QuietFrom).Set(s => s.QuietTo, subscription.QuietTo)
            .UpdateAsync(ct) > 0, cancellationToken);

    public Task<List<SubscriptionRow>> Subscriptions(CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<SubscriptionRow>().OrderBy(s => s.CreatedAt).ToListAsync(ct), cancellationToken);

    public Task<SubscriptionRow?> Subscription(string id, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<SubscriptionRow>().FirstOrDefaultAsync(s => s.SubscriptionId == id, ct), cancellationToken);

    /// <summary>Deletes the subscription and whatever was still on its way to it.</summary>
    public Task<bool> Delete(string id, CancellationToken cancellationToken) =>
        database.Query(async (db, ct) =>
        {
            await using var transaction = await db.BeginTransactionAsync(ct);
            await db.GetTable<DeliveryRow>().Where(d => d.SubscriptionId == id && d.Status != DeliveryRow.Delivered).DeleteAsync(ct);
            var deleted = await db.GetTable<SubscriptionRow>().Where(s => s.SubscriptionId == id).DeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return deleted > 0;
        }, cancellationToken);

    public Task<List<DeliveryRow>> DeadLetters(CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<DeliveryRow>().Where(d => d.Status == DeliveryRow.Dead)
            .OrderBy(d => d.FinishedAt).ToListAsync(ct), cancellationToken);

    /// <summary>Puts a dead letter back in the queue with a fresh count of attempts; false if there is no such dead letter.</summary>
    public Task<bool> Retry(string deliveryId, CancellationToken cancellationToken) =>
        database.Query(async (db, ct) => await db.GetTable<DeliveryRow>()
            .Where(d => d.DeliveryId == deliveryId && d.Status == DeliveryRow.Dead)
            .Set(d => d.Status, DeliveryRow.Pending).Set(d => d.Attempts, 0).Set(d => d.FinishedAt, (long?)null)
            .Set(d => d.NextAttemptAt, clock.GetUtcNow().UtcTicks)
            .UpdateAsync(ct) > 0, cancellationToken);
}
