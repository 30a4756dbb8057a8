using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// How a person answers whoever asks about them or changes them: what the caller may know, never the PIN hashes, the
/// pending grants or the bookkeeping behind decisions. The API, the console, SCIM and fleetctl build their own views from it.
/// </summary>
public sealed record PersonDetails(
    PersonId Id,
    bool Registered,
    string Name,
    PersonStatus Status,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<BadgeNumber> Badges,
    bool HasPin,
    bool HasDuressPin,
    IReadOnlyList<Entitlement> Entitlements,
    int MaxKeys,
    IReadOnlyList<SlotId> Held,
    string? RevocationReason,
    ChangeOrigin? RevokedBy,
    RevocationProgress? Revocation,
    DateTimeOffset? PinLockedUntil,
    string? Email,
    PersonId? Manager,
    IReadOnlyList<ExternalId> ExternalIds,
    int PendingGrants,
    ImmutableDictionary<string, long> SourceVersions) : IFleetKeysMessage
{
    /// <summary><c>PendingGrants</c> counts the releases granted at <paramref name="at"/> and not yet taken or lapsed.</summary>
    public static PersonDetails Of(PersonState p, DateTimeOffset at) => new(
        p.Id, p.Registered, p.Name, p.Status, p.ValidFrom, p.ValidUntil, p.Badges, p.PinHash is not null, p.DuressPinHash is not null,
        p.Entitlements, p.MaxKeys, p.Held, p.RevocationReason, p.RevokedBy, p.Revocation, p.PinLockedUntil, p.Email, p.Manager, p.ExternalIds,
        p.Grants.Count(g => g.ExpiresAt > at), p.SourceVersions)
    {
        PinSetAt = p.PinSetAt,
    };

    /// <summary>When the current PIN was set (its age expires it, docs/policies.md "PIN expiry"); never the PIN itself.</summary>
    public DateTimeOffset? PinSetAt { get; init; }
}
