namespace FleetKeys.Domain.Tests.Support;

/// <summary>Builds a registered, active person (Alice by default) and drives the common steps of the take flow.</summary>
public sealed record APerson
{
    public const string Pin = "4711";

    /// <summary>Hashed once with few iterations: the verification logic is the same, the tests stay fast.</summary>
    public static readonly string PinHashed = PinHash.Create(Pin, Pepper, 1_000);

    public static readonly Entitlement Everywhere = new(null, null, null, Schedule.Always);

    public PersonId Id { get; init; } = Alice;
    public int MaxKeys { get; init; } = 2;
    public DateTimeOffset? ValidFrom { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }
    public IReadOnlyList<Entitlement> Entitlements { get; init; } = [Everywhere];
    public bool HasPin { get; init; } = true;

    public PersonState Build()
    {
        var registeredAt = T0.AddDays(-30);
        var state = PersonState.Empty(Id)
            .Run(new RegisterPerson(Id, Id.Value, ValidFrom, ValidUntil, MaxKeys, registeredAt))
            .Run(new SetEntitlements(Id, Entitlements, registeredAt));
        return HasPin ? state.Run(new SetPin(Id, Pin, PinHashed, registeredAt)) : state;
    }

    public static PersonState Default() => new APerson().Build();

    public static Entitlement At(CabinetId cabinet, KeyGroup? group = null, Schedule? schedule = null) =>
        new(group, null, cabinet, schedule ?? Schedule.Always);

    public static Entitlement AtSite(SiteId site, KeyGroup? group = null, Schedule? schedule = null) =>
        new(group, site, null, schedule ?? Schedule.Always);

    public static Entitlement ForGroup(KeyGroup? group, Schedule? schedule = null) =>
        new(group, null, null, schedule ?? Schedule.Always);
}

public static class PersonSteps
{
    public static OpenSession Open(
        SessionId session,
        DateTimeOffset? at = null,
        CabinetId? cabinet = null,
        string? pin = null,
        bool pinRequired = false,
        SiteId? site = null,
        string zone = UtcZone,
        PersonId? person = null)
    {
        var when = at ?? T0;
        return new OpenSession(person ?? Alice, session, cabinet ?? Cab1, site ?? SiteA, zone, pin, pinRequired, when, when + SessionTtl)
        {
            PinPepper = Pepper,
        };
    }

    public static RequestGrant Grant(
        GrantId grant,
        SessionId session,
        SlotId? slot = null,
        DateTimeOffset? at = null,
        KeyGroup? group = null,
        SiteId? site = null,
        string zone = UtcZone,
        PersonId? person = null)
    {
        var when = at ?? T0;
        return new RequestGrant(person ?? Alice, grant, session, slot ?? Slot1, group ?? Vans, site ?? SiteA, zone, when, when + ReleaseWindow);
    }

    public static PersonState WithSession(this PersonState p, SessionId session, DateTimeOffset? at = null, CabinetId? cabinet = null) =>
        p.Run(Open(session, at, cabinet, person: p.Id));

    public static PersonState WithGrant(this PersonState p, GrantId grant, SessionId session, SlotId slot, DateTimeOffset? at = null) =>
        p.Run(Grant(grant, session, slot, at, person: p.Id));

    /// <summary>Session, grant and pickup: the person ends up holding the key in <paramref name="slot"/>.</summary>
    public static PersonState Holding(this PersonState p, SlotId slot, GrantId grant, SessionId session, DateTimeOffset? at = null)
    {
        var when = at ?? T0;
        if (!p.Sessions.Any(s => s.Session == session && s.ExpiresAt > when)) p = p.WithSession(session, when, slot.Cabinet);
        return p.WithGrant(grant, session, slot, when).Run(new ConfirmTaken(p.Id, grant, slot, when.AddSeconds(5)));
    }

    public static PersonState Revoked(this PersonState p, PersonStatus status, DateTimeOffset? at = null) =>
        p.Run(new RevokePerson(p.Id, status, "test", at ?? T0));
}
