using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Reports;
using FleetKeys.Domain.Time;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Cluster.Reports;

/// <summary>
/// Keeps the fleet's report subscriptions (a cluster singleton with a journal) and sends each report when it falls due:
/// it makes the CSV, puts the mail in the notifier's outbox (which retries and dead-letters it as an alarm's), then records
/// the send. Due instants are state, so a restarted node sends what fell due while it was down, once, at its first tick.
/// </summary>
public sealed class ReportSubscriptionsActor : EventSourcedEntity<ReportSubscriptionsState, ReportSubscriptionCommand, ReportSubscriptionEvent>
{
    public const string Id = "report-subscriptions";

    private sealed record Tick;

    private sealed record Queued(ReportSubscriptionId Subscription, DateTimeOffset DueAt);

    private sealed record Done;

    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public ReportSubscriptionsActor(EntityServices services, ReadDatabase database, TimeSpan pollInterval, ILogger log)
        : base(Id, ReportSubscriptionsState.Empty, services)
    {
        var queries = new ReportQueries(database, Context.System);
        Command<ReportSubscriptionCommand>(c => Execute(c, _ => State.Find(c.Subscription) ?? ReportSubscriptionState.Empty(c.Subscription) with { Removed = true }));
        Command<GetReportSubscriptions>(_ => Sender.Tell(new ReportSubscriptionList(State.Subscriptions)));
        Command<Tick>(_ =>
        {
            if (_busy) return;
            var now = Now;
            var due = State.Due(now).ToList();
            if (due.Count == 0) return;
            _busy = true;
            Queue(Self, database, queries, due, now, log).PipeTo(Self, success: () => new Done());
        });
        Command<Queued>(q => Execute(new RecordReportSent(q.Subscription, q.DueAt, Now), _ => { }, _ => { }));
        Command<Done>(_ => { _busy = false; });
        Command<Status.Failure>(f =>
        {
            log.LogError(f.Cause, "Queueing scheduled reports failed; trying again");
            _busy = false;
        });
        Timers.StartPeriodicTimer("tick", new Tick(), pollInterval);
    }

    /// <summary>
    /// Queues each due report in the outbox, then tells itself so. The delivery's id is the subscription and its due instant:
    /// a crash between queueing and recording sends nothing twice, the outbox already holds it.
    /// </summary>
    private async Task Queue(
        IActorRef self, ReadDatabase database, ReportQueries queries, IReadOnlyList<ReportSubscriptionState> due, DateTimeOffset now, ILogger log)
    {
        foreach (var subscription in due)
        {
            var kind = ReportCatalog.Find(subscription.Kind);
            if (kind is null)
            {
                log.LogWarning("Report subscription {Subscription} names the unknown report {Kind}; nothing sent", subscription.Id, subscription.Kind);
            }
            else
            {
                var scope = new ReportScope(subscription.Site?.Value, subscription.PeriodStart(subscription.NextDueAt), now);
                var delivery = Delivery(subscription, kind, scope, await kind.Csv(queries, scope, _stopping.Token), now);
                await database.Query(async (db, ct) => await db.GetTable<DeliveryRow>().AnyAsync(d => d.DeliveryId == delivery.DeliveryId, ct)
                    ? 0
                    : await db.InsertAsync(delivery, token: ct), _stopping.Token);
            }

            self.Tell(new Queued(subscription.Id, subscription.NextDueAt));
        }
    }

    private static DeliveryRow Delivery(ReportSubscriptionState subscription, ReportKind kind, ReportScope scope, string csv, DateTimeOffset now)
    {
        var zone = SiteTime.Zone(subscription.TimeZoneId);
        var date = SiteTime.LocalTime(subscription.NextDueAt, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var where = scope.SiteId ?? "fleet";
        var mail = new ReportMail(subscription.Mailbox, $"FleetKeys report {kind.Name} for {where}, {date}",
            $"The FleetKeys report \"{kind.Name}\" for {where}, from {scope.From:u} to {scope.To:u}, is attached.\n\nsubscription: {subscription.Id}\n",
            $"{kind.Name}-{where}-{date}.csv", csv);
        var noticeId = $"report-{subscription.Id}-{subscription.NextDueAt.UtcTicks}";
        return new DeliveryRow
        {
            DeliveryId = noticeId, NoticeId = noticeId, SubscriptionId = subscription.Id.Value, Kind = ReportMail.Kind,
            Payload = System.Text.Json.JsonSerializer.Serialize(mail, NotificationsProjection.Json), Status = DeliveryRow.Pending,
            NextAttemptAt = now.UtcTicks,
        };
    }

    protected override void PostStop() => _stopping.Cancel();
}
