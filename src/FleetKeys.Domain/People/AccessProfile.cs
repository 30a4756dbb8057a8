using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// What a controller needs to admit a person while it is cut off from the cluster: published by the person after every
/// change that matters to access, and turned by each driver into its cabinets' allow-list entries.
/// <c>Version</c> is the person's journal position, so a newer profile is recognised without comparing contents.
/// </summary>
public sealed record AccessProfile(
    PersonId Person,
    long Version,
    bool Active,
    IReadOnlyList<BadgeNumber> Badges,
    [property: Secret] string? PinHash,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<Entitlement> Entitlements) : IFleetKeysMessage
{
    public override string ToString() => $"AccessProfile {{ Person = {Person}, Version = {Version}, Active = {Active} }}";

    /// <summary>The same person with the same access, whatever either's version (which moves with every fact of theirs).</summary>
    public bool SameAccessAs(AccessProfile other) =>
        Person == other.Person && Active == other.Active && Badges.SequenceEqual(other.Badges) && PinHash == other.PinHash
        && ValidFrom == other.ValidFrom && ValidUntil == other.ValidUntil && Entitlements.SequenceEqual(other.Entitlements);

    /// <summary>
    /// The key groups this person may take at a cabinet without asking anyone (null: every group); none when inactive. Only
    /// unscheduled entitlements count, because a controller cannot be trusted to keep a weekly schedule in a site's time
    /// zone; scheduled access waits for the cluster.
    /// </summary>
    public IReadOnlyList<KeyGroup?> OfflineGroupsAt(CabinetId cabinet, SiteId site) =>
        Active ? [.. Entitlements.Where(e => e.Schedule.Windows.Count == 0 && e.CoversPlace(cabinet, site)).Select(e => e.Group)] : [];
}
