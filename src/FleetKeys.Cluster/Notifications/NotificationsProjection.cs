using System.Text.Json;
using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Time;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// Follows the "alarms" stream and queues a delivery per raised alarm and subscription that wants it, in the transaction
/// that stores the stream offset: a restart neither loses a notice nor queues it twice. Alarm kinds are handled alike,
/// by what <see cref="AlarmsProjection.Raised"/> makes of the event, so a new kind needs nothing here.
/// </summary>
public sealed class NotificationsProjection() : TaggedProjection("notifications", EventTagger.Alarms)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (AlarmsProjection.Raised(envelope) is not { } alarm) return;
        var subscriptions = await db.GetTable<SubscriptionRow>().ToListAsync(cancellationToken);
        if (subscriptions.Count == 0) return;

        var (site, zone) = await PlaceOf(db, alarm.CabinetId, cancellationToken);
        var notice = Notice.Of(alarm, site);
        var payload = JsonSerializer.Serialize(notice, Json);
        var deliveries = db.GetTable<DeliveryRow>();
        // A subscription hears of alarms raised from its creation on, so a rebuild does not send it the past.
        foreach (var subscription in subscriptions.Where(s => s.CreatedAt <= alarm.RaisedAt && s.Wants(notice, SiteTime.Zone(zone ?? "UTC"))))
        {
            var id = $"{notice.Id}:{subscription.SubscriptionId}";
            // A rebuild replays the stream: what was queued once is not queued again.
            if (await deliveries.AnyAsync(d => d.DeliveryId == id, cancellationToken)) continue;
            await db.InsertAsync(new DeliveryRow
            {
                DeliveryId = id, NoticeId = notice.Id, SubscriptionId = subscription.SubscriptionId, Kind = notice.Kind,
                PersonId = notice.PersonId, Payload = payload, Status = DeliveryRow.Pending, NextAttemptAt = alarm.RaisedAt,
            }, token: cancellationToken);
        }
    }

    /// <summary>
    /// The alarm's site and its time zone, from the cabinets and sites read models. A cabinet registered a moment ago may
    /// not be there yet: failing the batch makes the runner try it again from the stored offset shortly, by which time it is.
    /// </summary>
    private static async Task<(string? Site, string? Zone)> PlaceOf(DataConnection db, string? cabinet, CancellationToken cancellationToken)
    {
        if (cabinet is null) return (null, null);
        var place = await (
                from c in db.GetTable<CabinetRow>()
                where c.CabinetId == cabinet
                from s in db.GetTable<SiteRow>().InnerJoin(s => s.SiteId == c.SiteId)
                select new { c.SiteId, s.TimeZone })
            .FirstOrDefaultAsync(cancellationToken);
        return place is null
            ? throw new InvalidOperationException($"cabinet {cabinet} or its site is not in the read side yet; the alarm waits for it")
            : (place.SiteId, place.TimeZone);
    }

    /// <summary>Deliveries are an outbox, not a read model: a rebuild must not send everything again, so nothing is wiped.</summary>
    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => Task.CompletedTask;
}
