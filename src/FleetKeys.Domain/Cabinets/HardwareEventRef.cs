namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// Where a hardware fact came from: the cabinet's event log epoch and the event's number in it. Controllers re-send
/// an event until it is acknowledged; the number lets the cabinet recognise a repeat and never apply it twice.
/// </summary>
public sealed record HardwareEventRef(uint Epoch, long Number) : IFleetKeysMessage;

/// <summary>What to do with a numbered hardware event, given the last one the cabinet recorded.</summary>
public enum Freshness
{
    /// <summary>Not seen before (or unnumbered): record it and apply its consequences.</summary>
    New,

    /// <summary>The last one recorded, seen again: its consequences may not have completed, so apply them again (they are idempotent).</summary>
    Repeat,

    /// <summary>Older than the last one recorded: it and its consequences were complete before that one began.</summary>
    Stale,
}
