namespace FleetKeys.Cluster.Projections.Live;

/// <summary>
/// One item of the live stream. <c>Id</c> is the journal position of the fact it comes from, set on the last item a fact
/// yields, so a client that resumes after it has missed nothing, and one cut off mid-fact is sent the whole fact again.
/// <c>Slot</c>: the cabinet's slot it is about, if one: a subscriber scoped to key groups sees it by the group of the key homed there.
/// </summary>
public sealed record LiveEvent(long? Id, string Type, string? SiteId, string? CabinetId, object Data, int? Slot = null)
{
    public const string Custody = "custody";
    public const string Alarm = "alarm";
    public const string Cabinet = "cabinet";
    public const string Person = "person";
    public const string Discrepancy = "discrepancy";
}

/// <summary>
/// A custody change, named as in custody history (taken, returned, released, remoteReleased, ...). <c>PlacedIn</c>: the slot
/// a returned key went into when that is not its home.
/// </summary>
public sealed record CustodyChange(
    string SlotId, string CabinetId, int Slot, string Change, string? PersonId, string? ReturnedBy, DateTimeOffset At,
    DateTimeOffset? DueAt, string? Reason, string? PlacedIn = null, string? HandedFrom = null);

/// <summary>An alarm raised, acknowledged or cleared.</summary>
public sealed record AlarmChange(
    long AlarmId, string Change, FleetKeys.Domain.Alarms.AlarmKind? Kind, string? CabinetId, int? Slot, string? PersonId, string? Detail, string? By, string? Note,
    DateTimeOffset At);

/// <summary>
/// A cabinet's state as the control room sees it: online, offline, doorOpened, doorClosed, lockedDown, lockdownLifted,
/// emergencyOpened, tamperDetected or tamperRestored; <c>By</c> and <c>Reason</c> for the control room's own overrides.
/// </summary>
public sealed record CabinetChange(string CabinetId, string Change, string? By, string? Reason, DateTimeOffset At);

/// <summary>
/// An inventory discrepancy found or resolved (<c>How</c>: inventory, tagLeft, tagEntered, keyHomed, decommissioned);
/// <c>Key</c> is the home slot of the key with the tag, when the fleet knows one.
/// </summary>
public sealed record DiscrepancyChange(
    string CabinetId, int Slot, string Change, FleetKeys.Domain.Cabinets.DiscrepancyKind Kind, string Tag, string? Key, DateTimeOffset FoundAt,
    FleetKeys.Domain.Cabinets.DiscrepancyResolution? How, DateTimeOffset At);

/// <summary>
/// A person's standing: revoked, reinstated, or purgeConfirmed when one more controller confirmed the revocation
/// (<c>Controller</c>), so a screen showing its progress moves without asking.
/// </summary>
public sealed record PersonChange(string PersonId, string Change, FleetKeys.Domain.People.PersonStatus? Status, string? Reason, string? Controller, DateTimeOffset At);
