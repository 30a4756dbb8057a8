namespace FleetKeys.Domain;

/// <summary>
/// The outcome of Decide: either the events to persist (possibly none, for an idempotent repeat)
/// or the reason the command is refused. Rejections are part of the contract, not exceptions. A refusal may still
/// carry events to persist before it is answered (see <see cref="Refuse"/>).
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, Rejection? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Reject(RejectionCode code, string message) => new([], new Rejection(code, message));

    /// <summary>Refuses, but records <paramref name="events"/> first: a refusal that itself matters (a wrong PIN counts).</summary>
    public static Decision<TEvent> Refuse(Rejection rejection, params TEvent[] events) => new(events, rejection);

    public static implicit operator Decision<TEvent>(Rejection rejection) => new([], rejection);
}
