using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// The two-person rule: <c>Person</c> badged at the cabinet as the second person for <c>Requester</c>'s take of the key
/// in <c>Slot</c>. They must be in good standing and entitled to that key there and then, as if taking it themselves.
/// </summary>
public sealed record AuthoriseRelease(
    PersonId Person,
    PersonId Requester,
    SlotId Slot,
    KeyGroup Group,
    SiteId Site,
    string TimeZoneId,
    IReadOnlyList<DateOnly>? Holidays,
    DateTimeOffset At) : PersonCommand(Person, At), IAsk<ReleaseAuthorised>;

/// <summary>Recorded in the authoriser's own journal: they vouched for this take.</summary>
public sealed record ReleaseAuthorised(PersonId Person, PersonId Requester, SlotId Slot, DateTimeOffset At) : PersonEvent(Person, At);
