using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// The latest revocation and how far it has travelled: which controllers have confirmed that none of their cabinets
/// will admit the person offline any more. A new revocation starts a new revision with nobody confirmed.
/// </summary>
public sealed record RevocationProgress(int Revision, DateTimeOffset At, ImmutableDictionary<ControllerId, DateTimeOffset> PurgedBy)
    : IFleetKeysMessage;

/// <summary>
/// Published to every driver when a person is revoked, ahead of the (slower) directory change, so allow-lists are
/// purged at once. <c>ProfileVersion</c> is the person's journal position at the revocation: any profile older than it
/// must be treated as inactive.
/// </summary>
public sealed record RevocationBroadcast(PersonId Person, int Revision, long ProfileVersion, DateTimeOffset At) : IFleetKeysMessage
{
    public const string Topic = "fleetkeys.revocations";
}
