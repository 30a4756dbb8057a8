using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol.Messages;
using WireEvent = FleetKeys.Protocol.Messages.CabinetEvent;

namespace FleetKeys.Driver;

/// <summary>Turns one entry of a cabinet's event log into the cabinet command that records it, numbered for idempotency.</summary>
internal static class HardwareReports
{
    /// <summary>Null for entries the cluster has nothing to record for (unknown kinds, unreadable ids): acknowledged and skipped.</summary>
    public static CabinetCommand? ToCommand(CabinetId cabinet, uint epoch, WireEvent entry)
    {
        var source = new HardwareEventRef(epoch, entry.Number);
        return entry switch
        {
            TagRemoved e when HardwareIds.Tag(e.Tag) is { } tag => new ReportTagRemoved(cabinet, e.Slot, tag, e.Time, source),
            TagInserted e when HardwareIds.Tag(e.Tag) is { } tag => new ReportTagInserted(cabinet, e.Slot, tag, e.Time, source),
            Protocol.Messages.DoorOpened e => new ReportDoor(cabinet, true, e.Time, source),
            Protocol.Messages.DoorClosed e => new ReportDoor(cabinet, false, e.Time, source),
            TamperTripped e => new ReportTamper(cabinet, true, e.Time, source),
            Protocol.Messages.TamperRestored e => new ReportTamper(cabinet, false, e.Time, source),
            Protocol.Messages.MainsPowerLost e => new ReportMainsPower(cabinet, false, e.Time, source),
            Protocol.Messages.MainsPowerRestored e => new ReportMainsPower(cabinet, true, e.Time, source),
            BatteryChanged e => new ReportBattery(cabinet, e.Low, e.ChargePercent, e.Time, source),
            // The wire's levels are the domain's severities, number for number (docs/protocol.md).
            KeyFaultReported e when HardwareIds.Tag(e.Tag) is { } tag =>
                new ReportKeyFault(cabinet, e.Slot, tag, (Domain.KeySlots.FaultSeverity)e.Severity, e.Description, e.Time, source),
            TakeReasonChosen e when HardwareIds.Tag(e.Tag) is { } tag => new ReportTakeReason(cabinet, e.Slot, tag, e.Choice, e.Time, source),
            ReturnAnswered e when HardwareIds.Tag(e.Tag) is { } tag => new ReportReturnAnswers(cabinet, e.Slot, tag,
                new Domain.KeySlots.ReturnAnswers((int?)e.OdometerKm, e.FuelPercent, e.Damaged), e.Time, source),
            Protocol.Messages.OfflineAccessGranted e when HardwareIds.Badge(e.Badge) is { } badge =>
                new RecordOfflineAccess(cabinet, badge, HardwareIds.Person(e.PersonId), e.Slot, true, null, e.Time, source),
            OfflineAccessDenied e when HardwareIds.Badge(e.Badge) is { } badge =>
                new RecordOfflineAccess(cabinet, badge, HardwareIds.Person(e.PersonId), e.Slot, false, ReasonOf(e.Reason), e.Time, source),
            _ => null,
        };
    }

    private static RejectionCode ReasonOf(DenialReason reason) => reason switch
    {
        DenialReason.UnknownBadge => RejectionCode.UnknownBadge,
        DenialReason.OutsideValidity => RejectionCode.OutsideValidity,
        DenialReason.SlotNotAllowed => RejectionCode.NotEntitled,
        DenialReason.WrongPin => RejectionCode.WrongPin,
        _ => RejectionCode.Unavailable,
    };
}
