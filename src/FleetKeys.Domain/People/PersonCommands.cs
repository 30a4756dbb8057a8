using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Security;

namespace FleetKeys.Domain.People;

public interface IPersonMessage : IFleetKeysMessage
{
    PersonId Person { get; }
}

public abstract record PersonCommand(PersonId Person, DateTimeOffset At) : IPersonMessage
{
    /// <summary>Where the change came from (see <see cref="ChangeOrigin"/>); every event it decides records it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChangeOrigin? Origin { get; init; }

    /// <summary>The outside system's order for this change; a change older than the last one applied from that system is refused.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SourceVersion? Sent { get; init; }
}

public sealed record RegisterPerson(PersonId Person, string Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int MaxKeys, DateTimeOffset At)
    : PersonCommand(Person, At);

public sealed record AddBadge(PersonId Person, BadgeNumber Badge, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record RemoveBadge(PersonId Person, BadgeNumber Badge, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>Records on the person the outside id the external id directory has linked to them (claimed there first).</summary>
public sealed record LinkExternalId(PersonId Person, ExternalId External, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>
/// A PIN change to decide. The hash (made at the edge, so no slow hashing runs on the entity's thread) is what is kept;
/// the PIN itself travels, like a badge session's, only so the person can refuse one equal to their other PIN, and is never
/// persisted or shown.
/// </summary>
public abstract record PinChange(PersonId Person, [property: Secret] string Pin, [property: Secret] string PinHash, DateTimeOffset At, string? By)
    : PersonCommand(Person, At)
{
    /// <summary>Set by the person's own shell, as for <see cref="OpenSession"/>; never serialized.</summary>
    [JsonIgnore]
    public SealingKey? PinPepper { get; init; }

    public sealed override string ToString() => $"{GetType().Name} {{ Person = {Person}, At = {At:O}, By = {By} }}";
}

public sealed record SetPin(PersonId Person, string Pin, string PinHash, DateTimeOffset At, string? By = null) : PinChange(Person, Pin, PinHash, At, By);

/// <summary>The person changes their own PIN: the current one proves it is them, and the new one must differ from it.</summary>
public sealed record ChangePin(PersonId Person, [property: Secret] string OldPin, string Pin, string PinHash, DateTimeOffset At, string? By = null)
    : PinChange(Person, Pin, PinHash, At, By), IAsk<PersonDetails>
{
    /// <summary>Where it was typed, when at a cabinet's keypad: a wrong current PIN there counts towards that cabinet's lock-out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CabinetId? Cabinet { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PinLockoutPolicy? PinLockout { get; init; }
}

public sealed record SetEntitlements(PersonId Person, IReadOnlyList<Entitlement> Entitlements, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>The name the person is shown and reported by, as their source (HR, the identity provider) now spells it.</summary>
public sealed record RenamePerson(PersonId Person, string Name, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>When the person may use cabinets at all; null leaves that end open.</summary>
public sealed record SetValidity(PersonId Person, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>The most keys the person may hold or be collecting at once; keys already out stay out.</summary>
public sealed record SetKeyLimit(PersonId Person, int MaxKeys, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>How to reach the person and whom to escalate to about them; null clears the field.</summary>
public sealed record SetContact(PersonId Person, string? Email, PersonId? Manager, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record RevokePerson(PersonId Person, PersonStatus Status, string Reason, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>
/// From the fleet's sweep: suspend the person if none of their badges has been used for <c>UnusedFor</c>;
/// <c>LastUsedAtCabinet</c> is the latest use the cabinets recorded (offline ones too), null if none.
/// </summary>
public sealed record SuspendIfBadgesUnused(PersonId Person, TimeSpan UnusedFor, DateTimeOffset? LastUsedAtCabinet, DateTimeOffset At)
    : PersonCommand(Person, At);

public sealed record ReinstatePerson(PersonId Person, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>
/// Erasure on request (issue #23): refused while the person holds a key; <c>Reason</c> and <c>By</c> are the erasure's own
/// record, kept in clear, so they must not name the person. Asking again once erased changes nothing.
/// </summary>
public sealed record ErasePerson(PersonId Person, string By, string Reason, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>A badge presented at a cabinet; the person is the authority on whether a session opens.</summary>
public sealed record OpenSession(
    PersonId Person,
    SessionId Session,
    CabinetId Cabinet,
    SiteId Site,
    string TimeZoneId,
    [property: Secret] string? Pin,
    bool PinRequired,
    DateTimeOffset At,
    DateTimeOffset ExpiresAt,
    PinLockoutPolicy? PinLockout = null,
    IReadOnlyList<DateOnly>? Holidays = null) : PersonCommand(Person, At), IAsk<SessionOpened>
{
    /// <summary>
    /// Set by the person's own shell from the node's keys just before it decides; never serialized, so the pepper that
    /// opens stored PIN hashes does not travel between nodes with the command.
    /// </summary>
    [JsonIgnore]
    public SealingKey? PinPepper { get; init; }

    /// <summary>How long a PIN stays good after it was set (the fleet's setting, from the cabinet); null: PINs do not expire.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? PinExpiresAfter { get; init; }

    public override string ToString() =>
        $"OpenSession {{ Person = {Person}, Session = {Session}, Cabinet = {Cabinet}, PinGiven = {Pin is not null}, At = {At:O} }}";
}

/// <summary>
/// <c>Holidays</c> are the site's, read by the cabinet when the badge or key choice arrived; <c>ReturnFirst</c> is the
/// key's "return before you take another" policy.
/// </summary>
public sealed record RequestGrant(
    PersonId Person,
    GrantId Grant,
    SessionId Session,
    SlotId Slot,
    KeyGroup Group,
    SiteId Site,
    string TimeZoneId,
    DateTimeOffset At,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<DateOnly>? Holidays = null,
    bool ReturnFirst = false,
    CabinetId? ChosenAt = null) : PersonCommand(Person, At), IAsk<GrantIssued>
{
    /// <summary>The cabinet the key is taken at: its home's, or the one of its return group it sits in.</summary>
    [JsonIgnore]
    public CabinetId Cabinet => ChosenAt ?? Slot.Cabinet;
}

/// <summary>
/// From the slot, before an approval request for its key is filed in the person's name: answered with the person when they
/// could take the key once it is approved (docs/policies.md "Approval before release"); records nothing.
/// </summary>
public sealed record MayRequestKey(PersonId Person, SlotId Slot, KeyGroup Group, SiteId Site, DateTimeOffset At)
    : PersonCommand(Person, At), IAsk<PersonDetails>;

public sealed record ConfirmTaken(PersonId Person, GrantId Grant, SlotId Slot, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record ConfirmGrantLapsed(PersonId Person, GrantId Grant, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record ConfirmReturned(PersonId Person, SlotId Slot, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record CloseSession(PersonId Person, SessionId Session, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>Sends the latest revocation to every driver again (for controllers that have not confirmed it); answers with the person.</summary>
public sealed record RebroadcastRevocation(PersonId Person) : IPersonMessage;

/// <summary>From a driver: every cabinet of the controller has acknowledged the purge of revocation <c>Revision</c>.</summary>
public sealed record ConfirmPurge(PersonId Person, int Revision, ControllerId Controller, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>
/// From the slot (what it found when the release was voided) or from its driver (the controller acknowledged the lock):
/// where the slot of a release voided by revocation <c>Revision</c> stands.
/// </summary>
public sealed record ReportRelock(PersonId Person, int Revision, SlotId Slot, RelockState State, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record GetPerson(PersonId Person) : IPersonMessage;

/// <summary>Asks the person to publish its access profile again (used to rebuild the directory after a cold start).</summary>
public sealed record PublishAccess(PersonId Person) : IPersonMessage;

/// <summary>The answer to <see cref="PublishAccess"/>: the profile is on its way into the directory.</summary>
public sealed record AccessPublished(PersonId Person) : IFleetKeysMessage;

/// <summary>A second PIN that opens a session as usual but tells the control room the person is under duress.</summary>
public sealed record SetDuressPin(PersonId Person, string Pin, string PinHash, DateTimeOffset At, string? By = null) : PinChange(Person, Pin, PinHash, At, By);

public sealed record ClearDuressPin(PersonId Person, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>From a cabinet: its controller, cut off, admitted the person at <c>GrantedAt</c> from its allow-list.</summary>
public sealed record ReviewOfflineGrant(PersonId Person, CabinetId Cabinet, int Slot, DateTimeOffset GrantedAt, DateTimeOffset At)
    : PersonCommand(Person, At);
