using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>From the driver: after returning the key with <c>Tag</c> into <c>Slot</c> the person reported a fault with it at the keypad.</summary>
public sealed record ReportKeyFault(
    CabinetId Cabinet, int Slot, TagId Tag, FaultSeverity Severity, string Description, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IKeyReportAtCabinet
{
    /// <summary>
    /// The same for every upload of one logged entry, so a re-sent entry is the fault the key has already; a live report
    /// (no log entry, so nothing to repeat) gets a new one each time it is asked.
    /// </summary>
    [JsonIgnore]
    public FaultId Fault => Source is { } source ? FaultId.Of($"{Cabinet}/{source.Epoch}/{source.Number}") : FaultId.New();

    public IAsk<KeySlotDetails> ForHome(SlotId home, PersonId? person, SiteId site) =>
        new ReportFault(home, Fault, Severity, Description, person, $"cabinet {Cabinet}", At);
}
