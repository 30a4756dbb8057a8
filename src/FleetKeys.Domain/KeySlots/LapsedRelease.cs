using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// The release whose window the cluster closed last in this slot without a take. The cabinet may report the key leaving
/// late (a link cut or a slow bus near the window's end): a removal timed before <paramref name="Until"/> is still the
/// person's take under it, not a forced removal.
/// </summary>
public sealed record LapsedRelease(GrantId Grant, PersonId Person, DateTimeOffset Until, PersonId? Authoriser) : IFleetKeysMessage;
