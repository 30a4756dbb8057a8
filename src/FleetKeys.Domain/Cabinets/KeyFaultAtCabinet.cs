using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// From the driver: after returning the key with <c>Tag</c> into <c>Slot</c> the person reported a fault with it at the keypad.
/// The cabinet records nothing of its own: the key's home slot records the fault, reported by whoever is at the cabinet.
/// </summary>
public sealed record ReportKeyFault(
    CabinetId Cabinet, int Slot, TagId Tag, FaultSeverity Severity, string Description, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport
{
    /// <summary>
    /// The same for every upload of one logged entry, so a re-sent entry is the fault the key has already; a live report
    /// (no log entry, so nothing to repeat) gets a new one each time it is asked.
    /// </summary>
    [JsonIgnore]
    public FaultId Fault => Source is { } source ? FaultId.Of($"{Cabinet}/{source.Epoch}/{source.Number}") : FaultId.New();
}
