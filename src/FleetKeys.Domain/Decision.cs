namespace FleetKeys.Domain;

/// <summary>
/// The outcome of Decide: either the events to persist (possibly none, for an idempotent repeat)
/// or the reason the command is refused. Rejections are part of the contract, not exceptions.
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, Rejection? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Reject(RejectionCode code, string message) => new([], new Rejection(code, message));

    public static implicit operator Decision<TEvent>(Rejection rejection) => new([], rejection);
}
