using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.Live;

/// <summary>
/// Custody changes and alarms as they are persisted, straight from the journal in its order: resuming after any position
/// gives exactly what followed it, on any node, however far the projections have got.
/// </summary>
public sealed class LiveFeed(ActorSystem system, ReadDatabase database, DirectoryQueries directory, FleetAdmin admin)
{
    private readonly SqlReadJournal _journal = ReadJournals.Open(system);

    /// <summary>The journal's latest position: where a subscriber who asks for nothing older starts.</summary>
    public async Task<long> Head(CancellationToken cancellationToken)
    {
        await using var db = database.OpenJournal();
        return await db.ExecuteAsync<long?>("SELECT MAX(ordering) FROM journal", cancellationToken) ?? 0;
    }

    /// <summary>What follows <paramref name="position"/>, of the site or cabinet asked for, that <paramref name="visible"/> shows.</summary>
    public Source<LiveEvent, NotUsed> After(long position, string? siteId, string? cabinetId, Visibility visible)
    {
        var sites = new Dictionary<string, string?>();
        return _journal.AllEvents(Offset.Sequence(position))
            .Select(Describe)
            .Where(items => items.Count > 0)
            .SelectAsync(1, async items =>
            {
                var cabinet = items[0].CabinetId;
                var site = cabinet is null ? null : await SiteOf(cabinet, sites);
                return items.Select(i => i with { SiteId = site }).ToList();
            })
            .SelectMany(items => items)
            .Where(i => (cabinetId is null || i.CabinetId == cabinetId) && (siteId is null || i.SiteId == siteId))
            .SelectAsync(1, async i => (Item: i, Shown: visible.Shows(i.SiteId, null) || visible.Shows(null, await GroupOf(i, visible))))
            .Where(i => i.Shown)
            .Select(i => i.Item);
    }

    /// <summary>
    /// The group of the key homed in the item's slot, asked of the slot only for a subscriber scoped to key groups and only
    /// when the item's site does not show it already.
    /// </summary>
    private async Task<string?> GroupOf(LiveEvent item, Visibility visible)
    {
        if (visible.All || visible.KeyGroups.Count == 0 || item is not { CabinetId: { } cabinet, Slot: { } slot }) return null;
        return (await admin.GetCustody(new SlotId(CabinetId.Parse(cabinet), slot))).Value?.Key is { } key ? key.Group.Value : null;
    }

    private static IReadOnlyList<LiveEvent> Describe(EventEnvelope envelope)
    {
        var items = new List<LiveEvent>();
        if (envelope.Event is KeySlotEvent and not KeyAssigned && Custody((KeySlotEvent)envelope.Event) is { } change)
            items.Add(new LiveEvent(null, LiveEvent.Custody, null, change.CabinetId, change, change.Slot));
        if (AlarmsProjection.Raised(envelope) is { } raised)
            items.Add(new LiveEvent(null, LiveEvent.Alarm, null, raised.CabinetId, new AlarmChange(raised.AlarmId, "raised", Enum.Parse<AlarmKind>(raised.Kind),
                raised.CabinetId, raised.Slot, raised.PersonId, raised.Detail, null, null, Ticks.Instant(raised.RaisedAt)), raised.Slot));
        if (envelope.Event is CabinetEvent cabinetEvent && Cabinet(cabinetEvent) is { } cabinetChange)
            items.Add(new LiveEvent(null, LiveEvent.Cabinet, null, cabinetChange.CabinetId, cabinetChange));
        if (Discrepancy(envelope.Event) is { } discrepancy)
            items.Add(new LiveEvent(null, LiveEvent.Discrepancy, null, discrepancy.CabinetId, discrepancy, discrepancy.Slot));
        if (envelope.Event is PersonEvent personEvent && Person(personEvent) is { } personChange)
            items.Add(new LiveEvent(null, LiveEvent.Person, null, null, personChange));
        if (envelope.Event is AlarmEvent settled)
            items.Add(new LiveEvent(null, LiveEvent.Alarm, null, settled.Cabinet?.Value, new AlarmChange(settled.Alarm.Number,
                settled is AlarmAcknowledged ? "acknowledged" : "cleared", null, settled.Cabinet?.Value, null, null, null, settled.By,
                ErasedPerson.Shown(settled.Note), settled.At)));
        if (items.Count > 0) items[^1] = items[^1] with { Id = envelope.Ordering() };
        return items;
    }

    private static CustodyChange? Custody(KeySlotEvent @event)
    {
        var (cabinet, slot) = (@event.Slot.Cabinet.Value, @event.Slot.Number);
        CustodyChange Change(string kind, PersonId? person, PersonId? returnedBy = null, DateTimeOffset? due = null, string? reason = null) =>
            new(@event.Slot.Value, cabinet, slot, kind, person?.Value, returnedBy?.Value, @event.At, due, reason);
        return @event switch
        {
            KeyReleased e => Change(e.Remote is null ? "released" : "remoteReleased", e.Person, reason: e.Remote?.Reason),
            ReleaseExpired e => Change("releaseExpired", e.Person),
            ReleaseVoided e => Change("releaseVoided", e.Person),
            KeyTaken e => Change("taken", e.Person, due: e.DueAt),
            KeyHandedOver e => Change("handedOver", e.To, due: e.DueAt, reason: e.Origin.Reason) with { HandedFrom = e.From.Value },
            KeyForciblyRemoved => Change("forciblyRemoved", null),
            KeyReturned e => Change("returned", e.Holder, e.ReturnedBy) with { PlacedIn = e.PlacedIn?.Value },
            FaultReported e => Change("faultReported", e.Fault.ReportedBy, reason: $"{e.Fault.Severity.ToString().ToLowerInvariant()}: {e.Fault.Description}"),
            FaultCleared e => Change("faultCleared", null, reason: e.Note),
            _ => null,
        };
    }

    private static CabinetChange? Cabinet(CabinetEvent @event)
    {
        CabinetChange Change(string kind, string? by = null, string? reason = null) => new(@event.Cabinet.Value, kind, by, reason, @event.At);
        return @event switch
        {
            CabinetOnline => Change("online"),
            CabinetOffline => Change("offline"),
            DoorOpened => Change("doorOpened"),
            DoorClosed => Change("doorClosed"),
            CabinetLockedDown e => Change("lockedDown", e.By, e.Reason),
            CabinetLockdownLifted e => Change("lockdownLifted", e.By),
            CabinetEmergencyOpened e => Change("emergencyOpened", e.By, e.Reason),
            TamperDetected => Change("tamperDetected"),
            TamperRestored => Change("tamperRestored"),
            MainsPowerLost => Change("mainsPowerLost"),
            MainsPowerRestored => Change("mainsPowerRestored"),
            BatteryLow => Change("batteryLow"),
            BatteryRecovered => Change("batteryRecovered"),
            _ => null,
        };
    }

    private static DiscrepancyChange? Discrepancy(object @event)
    {
        DiscrepancyChange Change(CabinetEvent e, InventoryDiscrepancy d, string change, DiscrepancyResolution? how = null) =>
            new(e.Cabinet.Value, d.Slot, change, d.Kind, d.Tag.Value, d.Key?.Value, d.Since, how, e.At);
        return @event switch
        {
            InventoryDiscrepancyFound e => Change(e, e.Discrepancy, "found"),
            InventoryDiscrepancyResolved e => Change(e, e.Discrepancy, "resolved", e.How),
            _ => null,
        };
    }

    private static PersonChange? Person(PersonEvent @event) => @event switch
    {
        PersonRevoked e => new PersonChange(e.Person.Value, "revoked", e.Status, e.Reason, null, e.At),
        PersonReinstated e => new PersonChange(e.Person.Value, "reinstated", null, null, null, e.At),
        PurgeConfirmed e => new PersonChange(e.Person.Value, "purgeConfirmed", null, null, e.Controller.Value, e.At),
        _ => null,
    };

    /// <summary>The read side may not have seen a brand-new cabinet yet; the cabinet itself always knows its site.</summary>
    private async Task<string?> SiteOf(string cabinet, Dictionary<string, string?> known)
    {
        if (known.TryGetValue(cabinet, out var site)) return site;
        site = await directory.SiteOf(cabinet, CancellationToken.None)
               ?? (await admin.GetCabinet(CabinetId.Parse(cabinet))).Value?.Site.Value;
        known[cabinet] = site;
        return site;
    }
}
