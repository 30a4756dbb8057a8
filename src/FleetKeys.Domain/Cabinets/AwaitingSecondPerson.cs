using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// A key under the two-person rule was chosen in <c>Session</c> and refused for want of a second person; the next badge at
/// the cabinet may be that person. Held by the cabinet's shell only: after a crash the taker simply chooses the key again.
/// </summary>
public sealed record AwaitingSecondPerson(PersonId Requester, SessionId Session, int Slot, DateTimeOffset RequestedAt, int? Reason = null)
{
    /// <summary>Someone else's badge, while the taker's session is still open, is the second person (the slot checks the window).</summary>
    public bool IsCompletedBy(PersonId badged, CabinetState cabinet, DateTimeOffset at) =>
        badged != Requester && cabinet.Sessions.Any(s => s.Session == Session && s.ExpiresAt > at);
}
