using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>The two-person rule: <c>Authoriser</c> badged at the cabinet for a key chosen at <c>RequestedAt</c>.</summary>
public sealed record DualAuthorisation(PersonId Authoriser, DateTimeOffset RequestedAt) : IFleetKeysMessage;
