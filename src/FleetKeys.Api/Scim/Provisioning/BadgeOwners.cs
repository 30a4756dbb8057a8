using Akka.Actor;
using FleetKeys.Api.Scim.Protocol;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Api.Scim.Provisioning;

/// <summary>
/// Asks the credential directory whose a badge is before a user carrying it is stored, so a provider is told 409 at once
/// instead of a success it cannot have (a badge assigned through the management API belongs to someone else).
/// </summary>
public sealed class BadgeOwners(FleetAdmin admin)
{
    public async Task EnsureAvailable(BadgeNumber? badge, string userId, string attribute)
    {
        if (badge is not { } wanted) return;
        PersonId? owner;
        try
        {
            owner = await admin.OwnerOf(wanted);
        }
        catch (AskTimeoutException)
        {
            throw ScimException.Unavailable("the credential directory did not answer in time; repeat the request");
        }

        if (owner is { } other && other.Value != userId)
            throw ScimException.Conflict($"badge {wanted} (the user's {attribute}) belongs to another person");
    }
}
