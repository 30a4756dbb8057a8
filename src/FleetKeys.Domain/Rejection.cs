namespace FleetKeys.Domain;

public enum RejectionCode
{
    NotFound,
    AlreadyExists,
    Invalid,
    UnknownBadge,
    BadgeAlreadyAssigned,
    NotActive,
    OutsideValidity,
    PinRequired,
    WrongPin,
    NotEntitled,
    OutsideSchedule,
    LimitReached,
    SessionNotOpen,
    KeyNotPresent,
    KeyNotAvailable,
    UnknownSlot,
    Conflict,
    /// <summary>Another part of the cluster did not answer in time; the request may be retried.</summary>
    Unavailable,
    /// <summary>Too many wrong PINs: the person's credential is locked for a while.</summary>
    PinLocked,
    /// <summary>The PIN is older than the fleet allows: it must be changed before it opens a session again.</summary>
    PinExpired,
    /// <summary>The key's policy hands it out only to someone who holds no other key.</summary>
    ReturnFirst,
    /// <summary>The key needs a second, entitled person to badge at the cabinet (the two-person rule).</summary>
    AuthorisationRequired,
    /// <summary>The key is booked for someone else around this time.</summary>
    Reserved,
    /// <summary>The key's interlock group forbids it to leave now (its master or one of its group is out).</summary>
    Interlocked,
    /// <summary>The person does not hold the badge a change names (it was never theirs, or is theirs no longer).</summary>
    BadgeNotHeld,
    /// <summary>The key is released only under an approved request of the person's (approval before release).</summary>
    ApprovalRequired,
    /// <summary>An outside system sent the change before one of its changes already applied: the newer one is kept.</summary>
    Outdated,
    /// <summary>The key has a critical fault open: it stays in its slot until an operator clears the fault.</summary>
    KeyFaulted,
    /// <summary>The odometer reading given on return is lower than the key's last: an odometer never runs backwards.</summary>
    OdometerBackwards,
    /// <summary>The key lists reasons: it is released only with one of them (chosen on the keypad, or named by the control room).</summary>
    ReasonRequired,
}

/// <summary>Why a command was refused; the code drives HTTP status and cabinet feedback, the message is for people.</summary>
public sealed record Rejection(RejectionCode Code, string Message) : IFleetKeysMessage
{
    /// <summary>
    /// The field of the request the refusal is about, when it is one (e.g. "controllerId" naming a controller that does not
    /// exist): the API names it, and a reference to something that does not exist is a bad request rather than a 404.
    /// </summary>
    public string? Field { get; init; }

    public static Rejection Of(RejectionCode code, string message) => new(code, message);

    public Rejection About(string field) => this with { Field = field };
}
