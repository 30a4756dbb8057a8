using Akka.Actor;
using FleetKeys.Scim.Protocol;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Scim.Provisioning;

/// <summary>
/// Asks the credential directory whose a badge is before a user carrying it is stored, so a provider is told 409 at once
/// instead of a success it cannot have (a badge assigned through the management API belongs to someone else). A badge
/// held by another SCIM user is the provider's to move, so it is no conflict: the caller says which owners may give it up.
/// </summary>
public sealed class BadgeOwners(FleetAdmin admin)
{
    /// <summary>The person who holds the badge and will give it up; null if nobody else holds it.</summary>
    public async Task<PersonId?> EnsureAvailable(BadgeNumber? badge, string userId, string attribute, Func<PersonId, Task<bool>> movable)
    {
        if (badge is not { } wanted) return null;
        PersonId? owner;
        try
        {
            owner = await admin.OwnerOf(wanted);
        }
        catch (AskTimeoutException)
        {
            throw ScimException.Unavailable("the credential directory did not answer in time; repeat the request");
        }

        if (owner is not { } other || other.Value == userId) return null;
        return await movable(other) ? other : throw ScimException.Conflict($"badge {wanted} (the user's {attribute}) belongs to another person");
    }
}
