using FleetKeys.Scim.EntitlementGroups;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;
using FleetKeys.Scim.Users;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Scim.Provisioning;

public sealed record PlannedRevocation(PersonStatus Status, string Reason);

/// <summary>
/// What a SCIM user makes of its person at one revision of the user: a name, a badge, the union of what its groups
/// grant, and whether it may use any of it. The plan is a function of the stored state only, so applying it again is
/// harmless and a later plan simply supersedes an earlier one.
/// </summary>
public sealed record PersonPlan(
    PersonId Person,
    long Revision,
    string Name,
    BadgeNumber? Badge,
    IReadOnlyList<BadgeNumber> RetiredBadges,
    IReadOnlyList<Entitlement> Entitlements,
    PlannedRevocation? Revocation,
    string? Email,
    PersonId? Manager)
{
    /// <summary>For the people reading the reason; whether SCIM may lift a revocation is decided by its origin, not by this text.</summary>
    private const string ReasonPrefix = "SCIM: ";

    public static readonly PlannedRevocation Deleted = new(PersonStatus.Terminated, ReasonPrefix + "deleted by the identity provider");
    public static readonly PlannedRevocation Deactivated = new(PersonStatus.Suspended, ReasonPrefix + "deactivated by the identity provider (active=false)");
    public static readonly PlannedRevocation Ungranted = new(PersonStatus.Suspended, ReasonPrefix + "not in any group that grants entitlements");

    public static PersonPlan Of(ScimUserRow user, IEnumerable<EntitlementGroupRow> groups)
    {
        var entitlements = groups.DistinctBy(g => g.NameKey).OrderBy(g => g.NameKey, StringComparer.Ordinal)
            .SelectMany(g => Grants.Entitlements(g.Entitlements)).Distinct().ToList();
        var revocation = user.Deleted ? Deleted
            : !user.Active ? Deactivated
            : entitlements.Count == 0 ? Ungranted
            : null;
        var attributes = ScimJson.Parse(user.Resource);
        var manager = UserResource.Manager(attributes);
        return new PersonPlan(new PersonId(user.Id), user.Revision, UserResource.PersonName(attributes),
            user.Badge is null ? null : new BadgeNumber(user.Badge), [.. UserResource.Retired(user).Select(b => new BadgeNumber(b))],
            entitlements, revocation, UserResource.Email(attributes), manager?.Value == user.Id ? null : manager);
    }

    public static bool IsScimRevocation(PersonDetails person) =>
        person.Status != PersonStatus.Active && person.RevokedBy?.Kind == OriginKind.Scim;
}
