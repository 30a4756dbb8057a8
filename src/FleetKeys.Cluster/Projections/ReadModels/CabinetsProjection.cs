using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Cabinets;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>Cabinet status: site and wiring, online or not, the door, and any lock-down or emergency opening.</summary>
public sealed class CabinetsProjection() : TaggedProjection("cabinets", EventTagger.Cabinets)
{
    protected override Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var rows = db.GetTable<CabinetRow>();
        return envelope.Event switch
        {
            CabinetRegistered e => db.InsertOrReplaceAsync(new CabinetRow
            {
                CabinetId = e.Cabinet.Value, SiteId = e.Site.Value, ControllerId = e.Controller.Value, BusAddress = e.BusAddress,
                SlotCount = e.SlotCount, RequiresPin = e.RequiresPin,
            }, token: cancellationToken),
            CabinetChanged e => rows.Where(r => r.CabinetId == e.Cabinet.Value)
                .Set(r => r.ControllerId, e.Controller.Value).Set(r => r.BusAddress, e.BusAddress).Set(r => r.RequiresPin, e.RequiresPin)
                .UpdateAsync(cancellationToken),
            CabinetDecommissioned e => rows.Where(r => r.CabinetId == e.Cabinet.Value).DeleteAsync(cancellationToken),
            CabinetOnline or CabinetOffline => rows.Where(r => r.CabinetId == Id(envelope))
                .Set(r => r.Online, envelope.Event is CabinetOnline).Set(r => r.OnlineChangedAt, At(envelope)).UpdateAsync(cancellationToken),
            DoorOpened or DoorClosed => rows.Where(r => r.CabinetId == Id(envelope))
                .Set(r => r.DoorOpen, envelope.Event is DoorOpened).Set(r => r.DoorChangedAt, At(envelope)).UpdateAsync(cancellationToken),
            CabinetLockedDown e => rows.Where(r => r.CabinetId == e.Cabinet.Value)
                .Set(r => r.LockdownReason, e.Reason).Set(r => r.LockdownBy, e.By).Set(r => r.LockdownSince, Ticks.Of(e.At))
                .UpdateAsync(cancellationToken),
            CabinetLockdownLifted e => rows.Where(r => r.CabinetId == e.Cabinet.Value)
                .Set(r => r.LockdownReason, (string?)null).Set(r => r.LockdownBy, (string?)null).Set(r => r.LockdownSince, (long?)null)
                .UpdateAsync(cancellationToken),
            CabinetEmergencyOpened e => rows.Where(r => r.CabinetId == e.Cabinet.Value)
                .Set(r => r.EmergencyReason, e.Reason).Set(r => r.EmergencyBy, e.By).Set(r => r.EmergencyUntil, Ticks.Of(e.Until))
                .UpdateAsync(cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private static string Id(EventEnvelope envelope) => ((CabinetEvent)envelope.Event).Cabinet.Value;

    private static long At(EventEnvelope envelope) => Ticks.Of(((CabinetEvent)envelope.Event).At);

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<CabinetRow>().DeleteAsync(cancellationToken);
}
