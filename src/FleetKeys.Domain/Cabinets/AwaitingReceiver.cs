using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// The holder chose, in <c>Session</c>, the key they hold (it is out, in <c>Slot</c>): a handover is started and the next
/// badge of someone else within <see cref="Window"/> is the receiver. Held by the cabinet's shell only, like
/// <see cref="AwaitingSecondPerson"/>: after a crash the holder simply chooses the key again.
/// </summary>
public sealed record AwaitingReceiver(PersonId Giver, SessionId Session, int Slot, DateTimeOffset StartedAt)
{
    /// <summary>As long as the two-person rule's longest window: the receiver stands beside the holder.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public DateTimeOffset Until => StartedAt + Window;

    /// <summary>Someone else's badge, within the window and while the holder's session is still open, is the receiver.</summary>
    public bool IsCompletedBy(PersonId badged, CabinetState cabinet, DateTimeOffset at) =>
        badged != Giver && at <= Until && cabinet.Sessions.Any(s => s.Session == Session && s.ExpiresAt > at);
}
