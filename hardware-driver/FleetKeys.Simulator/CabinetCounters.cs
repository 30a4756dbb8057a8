using System.Collections.Immutable;
using FleetKeys.Protocol;

namespace FleetKeys.Simulator;

/// <summary>
/// What one bus address has seen: packets addressed to it, NAKs it sent (refusals and commands it
/// could not carry out), frames it refused (by reason), retries answered with the stored reply, and secure sessions
/// opened (the first, and one for each time the driver started over).
/// </summary>
public sealed record CabinetCounters(
    long Frames,
    long Naks,
    long Rejected,
    long Retransmissions,
    ImmutableDictionary<ProtocolError, long> Errors,
    long Sessions)
{
    public long Count(ProtocolError error) => Errors.GetValueOrDefault(error);
}

/// <summary>
/// What reached the controller's socket but no bus address: accepted connections, bytes skipped
/// while looking for a packet, unreadable frames that named no served address, packets for
/// addresses it does not serve (or replies, or the broadcast address), and connections that ended
/// in an unexpected exception (a simulator bug: tests expect 0).
/// </summary>
public sealed record ControllerCounters(long Connections, long NoiseBytes, long UnreadableFrames, long IgnoredFrames, long Faults);
