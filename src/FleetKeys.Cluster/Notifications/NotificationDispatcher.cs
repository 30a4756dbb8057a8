using FleetKeys.Cluster.Projections;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// Works through the due deliveries: sends each, and marks it delivered, or schedules the next attempt after a pause
/// that doubles each time, or after the last allowed failure makes it a dead letter. "Now" is the injected clock, so
/// tests move retries along without waiting.
/// </summary>
public sealed partial class NotificationDispatcher(
    ReadDatabase database, TimeProvider clock, NotificationSettings settings, WebhookSender webhooks, EmailSender email, ILogger log)
{
    private const int Batch = 50;

    /// <summary>Sends what is due now; returns how many deliveries were attempted.</summary>
    public async Task<int> DispatchDue(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var due = await database.Query((db, ct) => (
                from delivery in db.GetTable<DeliveryRow>()
                where delivery.Status == DeliveryRow.Pending && delivery.NextAttemptAt <= now
                // A scheduled report's delivery carries its mailbox itself; it has no alarm subscription.
                from subscription in db.GetTable<SubscriptionRow>().LeftJoin(s => s.SubscriptionId == delivery.SubscriptionId)
                where subscription != null || delivery.Kind == ReportMail.Kind
                orderby delivery.NextAttemptAt
                select new { delivery, subscription })
            .Take(Batch).ToListAsync(ct), cancellationToken);
        foreach (var item in due) await Attempt(item.subscription, item.delivery, Ticks.Instant(now), cancellationToken);
        return due.Count;
    }

    /// <summary>The pause before a retry runs from when this pass began, so it does not depend on how long sending took.</summary>
    private async Task Attempt(SubscriptionRow? subscription, DeliveryRow delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            if (subscription is null) await email.SendReport(delivery, cancellationToken);
            else if (subscription.Channel == SubscriptionRow.Email) await email.Send(subscription, delivery, cancellationToken);
            else await webhooks.Send(subscription, delivery, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A mail server's refusal may quote the recipient, a person's address: stored and logged without it.
            error = Address().Replace(e.Message, "(an address)");
        }

        var attempts = delivery.Attempts + 1;
        var status = error is null ? DeliveryRow.Delivered : attempts >= settings.MaxAttempts ? DeliveryRow.Dead : DeliveryRow.Pending;
        if (error is not null)
            log.LogWarning("Notice {Notice} to subscription {Subscription} failed (attempt {Attempt}): {Error}",
                delivery.NoticeId, delivery.SubscriptionId, attempts, error);
        await database.Query((db, ct) => db.GetTable<DeliveryRow>().Where(d => d.DeliveryId == delivery.DeliveryId)
            .Set(d => d.Status, status).Set(d => d.Attempts, attempts).Set(d => d.LastError, error)
            .Set(d => d.NextAttemptAt, status == DeliveryRow.Pending ? (now + settings.RetryDelay(attempts)).UtcTicks : delivery.NextAttemptAt)
            .Set(d => d.FinishedAt, status == DeliveryRow.Pending ? null : now.UtcTicks)
            .UpdateAsync(ct), cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+")]
    private static partial System.Text.RegularExpressions.Regex Address();
}
