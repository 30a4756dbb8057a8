using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Text;

namespace FleetKeys.Domain.KeySlots;

/// <summary>How bad a fault is: only a critical one keeps the key in its slot until an operator clears it.</summary>
public enum FaultSeverity
{
    Minor = 1,
    Major = 2,
    Critical = 3,
}

/// <summary>
/// A fault reported against a key or the asset it opens (a bent blade, a broken fob, the van's brakes): by the person
/// returning it at the cabinet (<c>ReportedBy</c>, null when the cabinet logged it offline and nobody was known) or by an
/// operator through the API; <c>By</c> names the source for people either way.
/// </summary>
public sealed record KeyFault(
    FaultId Id, FaultSeverity Severity, string Description, PersonId? ReportedBy, string By, DateTimeOffset ReportedAt) : IFleetKeysMessage
{
    /// <summary>A short line for a display and a report, not an essay: the cabinet's own list and a control-room note both fit.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>Why the description cannot be recorded, or null when it can.</summary>
    public static string? DescriptionProblem(string? description) =>
        string.IsNullOrWhiteSpace(description) ? "must not be empty"
        : description.Length > MaxDescriptionLength ? $"must be at most {MaxDescriptionLength} characters"
        : PlainText.Problem(description);
}

public sealed record ReportFault(
    SlotId Slot, FaultId Fault, FaultSeverity Severity, string Description, PersonId? ReportedBy, string By, DateTimeOffset At)
    : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>An operator has dealt with the fault (the key repaired or replaced, the asset checked); <c>Note</c> says how.</summary>
public sealed record ClearFault(SlotId Slot, FaultId Fault, string Note, string By, DateTimeOffset At) : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

public sealed record FaultReported(SlotId Slot, KeyId Key, KeyFault Fault, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary><c>StillFaulted</c>: another critical fault of the key is still open, so it stays blocked and its alarm stays.</summary>
public sealed record FaultCleared(
    SlotId Slot, KeyId Key, FaultId Fault, FaultSeverity Severity, string Note, string By, bool StillFaulted, DateTimeOffset At)
    : KeySlotEvent(Slot, At);
