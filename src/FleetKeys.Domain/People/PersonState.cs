using System.Collections.Immutable;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.People;

/// <summary>
/// A person is the authority on their own access: every session and every grant is decided here,
/// so a revocation, once persisted, is seen by every later request without any cache to invalidate.
/// </summary>
public sealed record PersonState(
    PersonId Id,
    bool Registered,
    [property: Personal("Id")] string Name,
    PersonStatus Status,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    [property: Personal("Id")] ImmutableList<BadgeNumber> Badges,
    [property: Secret] string? PinHash,
    ImmutableList<Entitlement> Entitlements,
    int MaxKeys,
    ImmutableList<SlotId> Held,
    ImmutableList<PendingGrant> Grants,
    ImmutableList<PersonSession> Sessions,
    [property: Personal("Id")] string? RevocationReason) : IEntityState<PersonState, PersonCommand, PersonEvent>, IFleetKeysMessage
{
    /// <summary>The latest revocation's progress; null until the person is first revoked.</summary>
    public RevocationProgress? Revocation { get; init; }

    [Secret]
    public string? DuressPinHash { get; init; }

    /// <summary>The newest wrong PINs (at most <see cref="PinLockoutPolicy.MaxAttempts"/>), counted against a cabinet's policy.</summary>
    public ImmutableList<DateTimeOffset> PinFailures { get; init; } = [];

    /// <summary>Set by too many wrong PINs: no session opens before then (a new PIN lifts it).</summary>
    public DateTimeOffset? PinLockedUntil { get; init; }

    /// <summary>
    /// The latest of the person's registration, a badge given, a session opened with a badge and a reinstatement: what the
    /// unused-badge suspension measures from. Null in a snapshot taken before it was kept, until the next of those.
    /// </summary>
    public DateTimeOffset? LastActiveAt { get; init; }

    /// <summary>When the current PIN was set: its age is what expires it.</summary>
    public DateTimeOffset? PinSetAt { get; init; }

    /// <summary>When the current PIN stops opening sessions, by the fleet's <paramref name="expiresAfter"/>; null if it never does.</summary>
    public DateTimeOffset? PinExpiresAt(TimeSpan? expiresAfter) => PinSetAt + expiresAfter;

    public DateTimeOffset? ReinstatedAt { get; init; }

    /// <summary>When the person was erased (<see cref="PersonErased"/>); null while they are not.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Where the revocation in force came from; null while the person is active.</summary>
    public ChangeOrigin? RevokedBy { get; init; }

    /// <summary>When the revocation in force at <paramref name="at"/> began; null if the person was active then.</summary>
    public DateTimeOffset? RevokedAsOf(DateTimeOffset at) =>
        Revocation is { At: var revoked } && revoked <= at && !(ReinstatedAt > revoked && ReinstatedAt <= at) ? revoked : null;

    /// <summary>Where notices for this person go (reminders, their own overdue keys); null if unknown.</summary>
    [Personal("Id")]
    public string? Email { get; init; }

    /// <summary>Who hears of this person's overdue keys at the manager's escalation step.</summary>
    public PersonId? Manager { get; init; }

    /// <summary>The outside systems' ids of this person (the access-control system's cardholder ids), in the order linked.</summary>
    [Personal("Id")]
    public ImmutableList<ExternalId> ExternalIds { get; init; } = [];

    public static PersonState Empty(PersonId id) =>
        new(id, false, "", PersonStatus.Active, null, null, [], null, [], 0, [], [], [], null);

    public int KeysCommitted(DateTimeOffset now) => Held.Count + Grants.Count(g => g.ExpiresAt > now);

    public AccessProfile Profile(long version) =>
        new(Id, version, Registered && Status == PersonStatus.Active && ErasedAt is null, Badges, PinHash, ValidFrom, ValidUntil, Entitlements);

    public override string ToString() => $"PersonState {{ Id = {Id}, Status = {Status}, Held = {Held.Count} }}";

    /// <summary>The newest version applied from each outside system (see <see cref="SourceVersion"/>).</summary>
    public ImmutableDictionary<string, long> SourceVersions { get; init; } = ImmutableDictionary<string, long>.Empty;


    public Decision<PersonEvent> Decide(PersonCommand command)
    {
        // An equal version passes: one outside event may take several commands (a rename, then a badge), and a retry repeats them.
        if (command.Sent is { } sent && sent.BehindAny(SourceVersions) is { } outdated) return outdated;
        var decision = DecideChange(command);
        if (decision.Rejection is null && decision.Events.Count == 0 && command.Sent is { } newer && Registered
            && newer.Version > SourceVersions.GetValueOrDefault(newer.Source, long.MinValue))
            decision = Decision<PersonEvent>.Accept(new SourceVersionRecorded(Id, command.At));
        return command.Origin is null && command.Sent is null || decision.Events.Count == 0
            ? decision
            : decision with { Events = [.. decision.Events.Select(e => e with { Origin = command.Origin, Sent = command.Sent })] };
    }

    private Decision<PersonEvent> DecideChange(PersonCommand command)
    {
        if (!Registered && command is not RegisterPerson)
            return Rejection.Of(RejectionCode.NotFound, $"person {Id} is not registered");
        if (ErasedAt is not null)
            return command is ErasePerson ? Decision<PersonEvent>.Accept() : Rejection.Of(RejectionCode.NotActive, $"person {Id} was erased");
        return command switch
        {
            RegisterPerson c => Registered
                ? Rejection.Of(RejectionCode.AlreadyExists, $"person {Id} already exists")
                : Decision<PersonEvent>.Accept(new PersonRegistered(Id, c.Name, c.ValidFrom, c.ValidUntil, c.MaxKeys, c.At)),
            RenamePerson c when string.IsNullOrWhiteSpace(c.Name) => Rejection.Of(RejectionCode.Invalid, "a person's name cannot be empty"),
            RenamePerson c => c.Name == Name
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new PersonRenamed(Id, c.Name, c.At)),
            SetValidity c when c.ValidFrom >= c.ValidUntil => Rejection.Of(RejectionCode.Invalid, "validUntil must be after validFrom"),
            SetValidity c => c.ValidFrom == ValidFrom && c.ValidUntil == ValidUntil
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new ValidityChanged(Id, c.ValidFrom, c.ValidUntil, c.At)),
            SetKeyLimit c when c.MaxKeys < 0 => Rejection.Of(RejectionCode.Invalid, "the key limit cannot be negative"),
            SetKeyLimit c => c.MaxKeys == MaxKeys
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new KeyLimitChanged(Id, c.MaxKeys, c.At)),
            AddBadge c => Badges.Contains(c.Badge)
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new BadgeAdded(Id, c.Badge, c.At)),
            LinkExternalId c => ExternalIds.Contains(c.External)
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new ExternalIdLinked(Id, c.External, c.At)),
            RemoveBadge c => Badges.Contains(c.Badge)
                ? Decision<PersonEvent>.Accept(new BadgeRemoved(Id, c.Badge, c.At))
                : Rejection.Of(RejectionCode.BadgeNotHeld, $"person {Id} does not hold badge {c.Badge}"),
            // Typed at a cabinet, the PIN is tried first: a duress PIN equal to it would never raise the alarm.
            SetPin c when Security.PinHash.Verify(c.Pin, DuressPinHash, c.PinPepper) => SamePin("the person's duress PIN"),
            SetPin c => Decision<PersonEvent>.Accept(new PinSet(Id, c.PinHash, c.At, c.By)),
            ChangePin c => DecidePinChange(c),
            SetDuressPin c when Security.PinHash.Verify(c.Pin, PinHash, c.PinPepper) => SamePin("the person's PIN"),
            SetDuressPin c => Decision<PersonEvent>.Accept(new DuressPinSet(Id, c.PinHash, c.At, c.By)),
            ClearDuressPin c => DuressPinHash is null ? Decision<PersonEvent>.Accept() : Decision<PersonEvent>.Accept(new DuressPinCleared(Id, c.At)),
            ReviewOfflineGrant c => RevokedAsOf(c.GrantedAt) is { } revokedAt
                ? Decision<PersonEvent>.Accept(new OfflineGrantAfterRevocation(Id, c.Cabinet, c.Slot, c.GrantedAt, revokedAt, c.At))
                : Decision<PersonEvent>.Accept(),
            SetEntitlements c when c.Entitlements.Count > Entitlement.MaxPerPerson =>
                Rejection.Of(RejectionCode.Invalid, $"a person has at most {Entitlement.MaxPerPerson} entitlements"),
            SetEntitlements c => Entitlements.SequenceEqual(c.Entitlements)
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new EntitlementsSet(Id, c.Entitlements, c.At)),
            SetContact c when c.Manager == Id => Rejection.Of(RejectionCode.Invalid, "a person cannot be their own manager"),
            SetContact c => c.Email == Email && c.Manager == Manager
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new ContactSet(Id, c.Email, c.Manager, c.At)),
            RevokePerson c => DecideRevoke(c),
            SuspendIfBadgesUnused c => DecideUnusedBadges(c),
            ErasePerson when Held.Count > 0 => Rejection.Of(RejectionCode.Conflict,
                $"person {Id} holds {Held.Count} key(s) ({string.Join(", ", Held)}): each must come back or be written off before the person is erased"),
            ErasePerson c => Decision<PersonEvent>.Accept(new PersonErased(Id, c.By, c.Reason, c.At)),
            ReinstatePerson c => Status == PersonStatus.Active
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new PersonReinstated(Id, c.At)),
            OpenSession c => DecideSession(c),
            RequestGrant c => DecideGrant(c),
            RequestRemoteGrant c => DecideRemoteGrant(c),
            AuthoriseRelease c => DecideAuthorisation(c),
            MayRequestKey c => DecideKeyRequest(c),
            RequestHandoverGrant c => DecideHandoverGrant(c),
            ConfirmReceived c => Held.Contains(c.Slot)
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new KeyReceived(Id, c.Grant, c.Slot, c.From, c.At)),
            ConfirmPassedOn c => Held.Contains(c.Slot)
                ? Decision<PersonEvent>.Accept(new KeyPassedOn(Id, c.Slot, c.To, c.At))
                : Decision<PersonEvent>.Accept(),
            ClearPin => PinHash is null ? Decision<PersonEvent>.Accept() : Decision<PersonEvent>.Accept(new PinCleared(Id, command.At)),
            ConfirmTaken c => Held.Contains(c.Slot)
                ? Decision<PersonEvent>.Accept()
                : Decision<PersonEvent>.Accept(new KeyPickedUp(Id, c.Grant, c.Slot, c.At)),
            ConfirmGrantLapsed c => Grants.Any(g => g.Grant == c.Grant)
                ? Decision<PersonEvent>.Accept(new GrantLapsed(Id, c.Grant, c.At))
                : Decision<PersonEvent>.Accept(),
            ConfirmReturned c => Held.Contains(c.Slot)
                ? Decision<PersonEvent>.Accept(new KeyHandedBack(Id, c.Slot, c.At))
                : Decision<PersonEvent>.Accept(),
            CloseSession c => Sessions.Any(s => s.Session == c.Session)
                ? Decision<PersonEvent>.Accept(new SessionClosed(Id, c.Session, c.At))
                : Decision<PersonEvent>.Accept(),
            // Confirmations of an older revocation, or repeated ones, change nothing.
            ConfirmPurge c => Revocation is { } r && r.Revision == c.Revision && !r.PurgedBy.ContainsKey(c.Controller)
                ? Decision<PersonEvent>.Accept(new PurgeConfirmed(Id, c.Revision, c.Controller, c.At))
                : Decision<PersonEvent>.Accept(),
            ReportRelock c => Revocation is { } r && r.Revision == c.Revision && r.Relocks.GetValueOrDefault(c.Slot) is { } relock
                              && relock.Moves(c.State)
                ? Decision<PersonEvent>.Accept(new RelockReported(Id, c.Revision, c.Slot, c.State, c.At))
                : Decision<PersonEvent>.Accept(),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled person command"),
        };
    }

    private Decision<PersonEvent> DecideRevoke(RevokePerson c)
    {
        if (c.Status == PersonStatus.Active)
            return Rejection.Of(RejectionCode.Invalid, "a revocation must suspend or terminate; use reinstate to reactivate");
        if (Status == c.Status) return Decision<PersonEvent>.Accept();
        return Decision<PersonEvent>.Accept(new PersonRevoked(
            Id, c.Status, c.Reason,
            Sessions.ToList(),
            Grants.Select(g => g.Grant).ToList(),
            Held.ToList(),
            c.At,
            (Revocation?.Revision ?? 0) + 1,
            Grants.Where(g => g.ExpiresAt > c.At).ToList()));
    }

    /// <summary>
    /// A person whose badges no cabinet has seen for the fleet's limit is suspended (reinstating them starts the count
    /// again). A cabinet cut off from the cluster admits by badge without a session here, so the caller brings the latest
    /// use the cabinets recorded; without either date, or without a badge, there is nothing to measure.
    /// </summary>
    private Decision<PersonEvent> DecideUnusedBadges(SuspendIfBadgesUnused c)
    {
        var lastUsed = LastActiveAt > c.LastUsedAtCabinet || c.LastUsedAtCabinet is null ? LastActiveAt : c.LastUsedAtCabinet;
        if (Status != PersonStatus.Active || Badges.IsEmpty || lastUsed is null || lastUsed + c.UnusedFor > c.At)
            return Decision<PersonEvent>.Accept();
        return DecideRevoke(new RevokePerson(Id, PersonStatus.Suspended,
            $"no badge used since {lastUsed:u} ({c.UnusedFor.TotalDays:0.#} days allowed)", c.At));
    }

    /// <summary>Status, validity and PIN: what every decision about this person checks first.</summary>
    private Rejection? CheckStanding(DateTimeOffset at)
    {
        if (Status != PersonStatus.Active)
            return Rejection.Of(RejectionCode.NotActive, $"person is {Status.ToString().ToLowerInvariant()}");
        if (at < ValidFrom || at >= ValidUntil)
            return Rejection.Of(RejectionCode.OutsideValidity, "outside the person's validity window");
        return null;
    }

    private Rejection? CheckEntitled(
        Func<Entitlement, bool> covers, DateTimeOffset at, string timeZoneId, IReadOnlyList<DateOnly>? holidays)
    {
        if (CheckCovered(covers, "here") is { } notEntitled) return notEntitled;
        var matching = Entitlements.Where(covers).ToList();
        var zone = SiteTime.Zone(timeZoneId);
        if (matching.Any(e => e.Schedule.IsOpen(at, zone, holidays))) return null;
        return matching.Any(e => e.Schedule.IsOpen(at, zone))
            ? Rejection.Of(RejectionCode.OutsideSchedule, "entitled here, but not on a holiday")
            : Rejection.Of(RejectionCode.OutsideSchedule, "entitled here, but not at this time");
    }

    private Rejection? CheckCovered(Func<Entitlement, bool> covers, string where) =>
        Entitlements.Any(covers) ? null : Rejection.Of(RejectionCode.NotEntitled, $"not entitled {where}");

    /// <summary>
    /// An approval is only worth asking for someone who could then take the key: in good standing and entitled to it. Not
    /// its schedule: a request may be filed ahead of the shift it is for, and the release checks the hour when it comes.
    /// </summary>
    private Decision<PersonEvent> DecideKeyRequest(MayRequestKey c) =>
        (CheckStanding(c.At) ?? CheckCovered(e => e.CoversKey(c.Group, c.Slot.Cabinet, c.Site), $"to the key in {c.Slot}")) is { } refused
            ? refused
            : Decision<PersonEvent>.Accept();

    /// <summary>The most keys allowed, and the key's "return before you take another" (held keys and grants being collected count).</summary>
    private Rejection? CheckLimits(DateTimeOffset at, bool returnFirst)
    {
        var committed = KeysCommitted(at);
        if (committed >= MaxKeys)
            return Rejection.Of(RejectionCode.LimitReached, $"already holding or collecting {MaxKeys} key(s), the most allowed");
        return returnFirst && committed > 0
            ? Rejection.Of(RejectionCode.ReturnFirst, "this key goes only to someone holding no other key; return yours first")
            : null;
    }

    private Decision<PersonEvent> DecideSession(OpenSession c)
    {
        if (CheckStanding(c.At) is { } standing) return standing;
        if (PinLockedUntil > c.At)
            return Rejection.Of(RejectionCode.PinLocked, $"locked after too many wrong PINs until {PinLockedUntil:u}");
        // The duress PIN opens the session like the real one; only the recorded event tells them apart.
        var duress = Array.Empty<PersonEvent>();
        if (c.PinRequired)
        {
            if (c.Pin is null) return Rejection.Of(RejectionCode.PinRequired, "this cabinet requires a PIN");
            if (!Security.PinHash.Verify(c.Pin, PinHash, c.PinPepper))
            {
                if (!Security.PinHash.Verify(c.Pin, DuressPinHash, c.PinPepper)) return WrongPin(c.Cabinet, c.PinLockout, c.At);
                duress = [new DuressPinEntered(Id, c.Cabinet, c.At)];
            }
            // Under duress the session opens all the same: refusing it would tell whoever stands behind the person.
            else if (PinExpiresAt(c.PinExpiresAfter) <= c.At)
                return Rejection.Of(RejectionCode.PinExpired, $"the PIN expired at {PinExpiresAt(c.PinExpiresAfter):u}; change it first");
        }

        if (CheckEntitled(e => e.CoversPlace(c.Cabinet, c.Site), c.At, c.TimeZoneId, c.Holidays) is { } notEntitled)
            return Decision<PersonEvent>.Refuse(notEntitled, duress);
        // At the limit the session still opens so keys can be returned; it is simply return-only.
        var capacity = Math.Max(0, MaxKeys - KeysCommitted(c.At));
        return Decision<PersonEvent>.Accept([new SessionOpened(Id, c.Session, c.Cabinet, c.ExpiresAt, capacity, c.At), .. duress]);
    }

    /// <summary>
    /// Every wrong PIN is recorded, so the count within the policy's window survives restarts and failovers. Without a PIN
    /// on record there is nothing to guess, so nothing is counted.
    /// </summary>
    /// <summary>
    /// The current PIN proves the change is the person's; a new PIN equal to it would leave an expired PIN in use.
    /// A lock-out after wrong PINs holds here as at a cabinet, and a wrong current PIN typed at a cabinet counts towards it
    /// like one typed to open a session there.
    /// </summary>
    private Decision<PersonEvent> DecidePinChange(ChangePin c)
    {
        if (PinHash is null) return Rejection.Of(RejectionCode.Conflict, $"person {Id} has no PIN to change; an administrator sets the first one");
        if (PinLockedUntil > c.At) return Rejection.Of(RejectionCode.PinLocked, $"locked after too many wrong PINs until {PinLockedUntil:u}");
        if (!Security.PinHash.Verify(c.OldPin, PinHash, c.PinPepper))
            return c.Cabinet is { } cabinet
                ? WrongPin(cabinet, c.PinLockout, c.At)
                : Rejection.Of(RejectionCode.WrongPin, "is not the current PIN").About("oldPin");
        if (Security.PinHash.Verify(c.Pin, PinHash, c.PinPepper)) return SamePin("the current PIN");
        if (Security.PinHash.Verify(c.Pin, DuressPinHash, c.PinPepper)) return SamePin("the person's duress PIN");
        return Decision<PersonEvent>.Accept(new PinSet(Id, c.PinHash, c.At, c.By));
    }

    private static Rejection SamePin(string other) => Rejection.Of(RejectionCode.Invalid, $"must differ from {other}").About("pin");

    private Decision<PersonEvent> WrongPin(CabinetId cabinet, PinLockoutPolicy? lockout, DateTimeOffset at)
    {
        if (PinHash is null) return Rejection.Of(RejectionCode.WrongPin, "wrong PIN");
        var policy = lockout ?? PinLockoutPolicy.Default;
        var failures = PinFailures.Count(f => f > at - policy.Window) + 1;
        if (failures < policy.Attempts)
            return Decision<PersonEvent>.Refuse(Rejection.Of(RejectionCode.WrongPin, "wrong PIN"),
                new WrongPinEntered(Id, cabinet, failures, null, at));
        var until = at + policy.LockFor;
        return Decision<PersonEvent>.Refuse(Rejection.Of(RejectionCode.PinLocked, $"locked after {failures} wrong PINs until {until:u}"),
            new WrongPinEntered(Id, cabinet, failures, until, at));
    }

    private Decision<PersonEvent> DecideGrant(RequestGrant c)
    {
        if (CheckStanding(c.At) is { } standing) return standing;
        if (!Sessions.Any(s => s.Session == c.Session && s.Cabinet == c.Cabinet && s.ExpiresAt > c.At))
            return Rejection.Of(RejectionCode.SessionNotOpen, "no open session at this cabinet; present the badge again");
        if (CheckEntitled(e => e.CoversKey(c.Group, c.Cabinet, c.Site), c.At, c.TimeZoneId, c.Holidays) is { } notEntitled)
            return notEntitled;
        if (CheckLimits(c.At, c.ReturnFirst) is { } limited) return limited;
        return Decision<PersonEvent>.Accept(new GrantIssued(Id, c.Grant, c.Session, c.Slot, c.ExpiresAt, c.At));
    }

    private Decision<PersonEvent> DecideRemoteGrant(RequestRemoteGrant c)
    {
        if (CheckStanding(c.At) is { } standing) return standing;
        if (CheckLimits(c.At, c.ReturnFirst) is { } limited) return limited;
        // No badge session exists; the grant stands for one, so its id is the session's.
        return Decision<PersonEvent>.Accept(new GrantIssued(Id, c.Grant, new SessionId(c.Grant.Guid), c.Slot, c.ExpiresAt, c.At));
    }

    private Decision<PersonEvent> DecideHandoverGrant(RequestHandoverGrant c)
    {
        if (CheckStanding(c.At) is { } standing) return standing;
        if (CheckEntitled(e => e.CoversKey(c.Group, c.Slot.Cabinet, c.Site), c.At, c.TimeZoneId, c.Holidays) is { } notEntitled)
            return notEntitled;
        if (CheckLimits(c.At, c.ReturnFirst) is { } limited) return limited;
        // No badge session stands behind a handover; the grant stands for one, so its id is the session's.
        return Decision<PersonEvent>.Accept(new GrantIssued(Id, c.Grant, new SessionId(c.Grant.Guid), c.Slot, c.ExpiresAt, c.At));
    }

    private Decision<PersonEvent> DecideAuthorisation(AuthoriseRelease c)
    {
        if (c.Requester == Id)
            return Rejection.Of(RejectionCode.AuthorisationRequired, "the second person must be someone other than the one taking the key");
        if (CheckStanding(c.At) is { } standing) return standing;
        if (CheckEntitled(e => e.CoversKey(c.Group, c.Slot.Cabinet, c.Site), c.At, c.TimeZoneId, c.Holidays) is { } notEntitled)
            return notEntitled;
        return Decision<PersonEvent>.Accept(new ReleaseAuthorised(Id, c.Requester, c.Slot, c.At));
    }

    public PersonState Apply(PersonEvent @event)
    {
        var next = ApplyChange(@event);
        if (@event is PersonRegistered or BadgeAdded or SessionOpened or PersonReinstated && !(next.LastActiveAt >= @event.At))
            next = next with { LastActiveAt = @event.At };
        return @event.Sent is { } sent && sent.Version > next.SourceVersions.GetValueOrDefault(sent.Source, long.MinValue)
            ? next with { SourceVersions = next.SourceVersions.SetItem(sent.Source, sent.Version) }
            : next;
    }

    private PersonState ApplyChange(PersonEvent @event) => @event switch
    {
        PersonRegistered e => this with
        {
            Registered = true, Name = e.Name, ValidFrom = e.ValidFrom, ValidUntil = e.ValidUntil, MaxKeys = e.MaxKeys,
        },
        // Badges recorded before numbers were canonical may name one badge twice ("abcd" and "ABCD"): it is held once.
        BadgeAdded e => Badges.Contains(e.Badge) ? this : this with { Badges = Badges.Add(e.Badge) },
        ContactSet e => this with { Email = e.Email, Manager = e.Manager },
        PersonRenamed e => this with { Name = e.Name },
        ValidityChanged e => this with { ValidFrom = e.ValidFrom, ValidUntil = e.ValidUntil },
        SourceVersionRecorded => this,
        KeyLimitChanged e => this with { MaxKeys = e.MaxKeys },
        BadgeRemoved e => this with { Badges = Badges.Remove(e.Badge) },
        ExternalIdLinked e => ExternalIds.Contains(e.External) ? this : this with { ExternalIds = ExternalIds.Add(e.External) },
        PinSet e => this with { PinHash = e.PinHash, PinFailures = [], PinLockedUntil = null, PinSetAt = e.At },
        DuressPinSet e => this with { DuressPinHash = e.PinHash },
        DuressPinCleared => this with { DuressPinHash = null },
        WrongPinEntered { LockedUntil: { } until } => this with { PinFailures = [], PinLockedUntil = until },
        WrongPinEntered e => this with { PinFailures = [.. PinFailures.Add(e.At).TakeLast(PinLockoutPolicy.MaxAttempts)] },
        DuressPinEntered => this,
        OfflineGrantAfterRevocation => this,
        PinCleared => this with { PinHash = null, PinSetAt = null },
        EntitlementsSet e => this with { Entitlements = [.. e.Entitlements] },
        PersonRevoked e => this with
        {
            Status = e.Status, RevocationReason = e.Reason, RevokedBy = e.Origin, Sessions = [], Grants = [],
            Revocation = new RevocationProgress(e.Revision, e.At, ImmutableDictionary<ControllerId, DateTimeOffset>.Empty)
            {
                Relocks = ImmutableDictionary<SlotId, SlotRelock>.Empty.SetItems((e.Releases ?? []).Select(r =>
                    KeyValuePair.Create(r.Slot, new SlotRelock(r.Grant, RelockState.Pending, null)))),
            },
        },
        RelockReported e => this with
        {
            Revocation = Revocation! with { Relocks = Revocation.Relocks.SetItem(e.Slot, Revocation.Relocks[e.Slot] with { State = e.State, At = e.At }) },
        },
        PurgeConfirmed e => this with { Revocation = Revocation! with { PurgedBy = Revocation.PurgedBy.SetItem(e.Controller, e.At) } },
        PersonErased e => this with
        {
            Name = ErasedPerson.Label(Id.Value), Email = null, Manager = null, RevocationReason = null, Badges = [], ExternalIds = [],
            Entitlements = [], PinHash = null, DuressPinHash = null, Grants = [], Sessions = [], ErasedAt = e.At,
        },
        PersonReinstated e => this with { Status = PersonStatus.Active, RevocationReason = null, RevokedBy = null, ReinstatedAt = e.At },
        // Expired sessions and grants are dropped as time moves on, so state stays bounded without timers.
        SessionOpened e => this with
        {
            Sessions = Sessions.RemoveAll(s => s.ExpiresAt <= e.At).Add(new PersonSession(e.Session, e.Cabinet, e.ExpiresAt)),
        },
        GrantIssued e => this with
        {
            Grants = Grants.RemoveAll(g => g.ExpiresAt <= e.At).Add(new PendingGrant(e.Grant, e.Session, e.Slot, e.ExpiresAt)),
        },
        KeyPickedUp e => this with { Grants = Grants.RemoveAll(g => g.Grant == e.Grant), Held = Held.Add(e.Slot) },
        GrantLapsed e => this with { Grants = Grants.RemoveAll(g => g.Grant == e.Grant) },
        KeyHandedBack e => this with { Held = Held.Remove(e.Slot) },
        KeyReceived e => this with { Grants = Grants.RemoveAll(g => g.Grant == e.Grant), Held = Held.Add(e.Slot) },
        KeyPassedOn e => this with { Held = Held.Remove(e.Slot) },
        SessionClosed e => this with { Sessions = Sessions.RemoveAll(s => s.Session == e.Session) },
        ReleaseAuthorised => this,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled person event"),
    };
}
