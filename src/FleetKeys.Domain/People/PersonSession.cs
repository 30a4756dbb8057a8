using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

public sealed record PersonSession(SessionId Session, CabinetId Cabinet, DateTimeOffset ExpiresAt) : IFleetKeysMessage;

/// <summary>A grant counts against the person's limit from issue until the key is taken or the release window lapses.</summary>
public sealed record PendingGrant(GrantId Grant, SessionId Session, SlotId Slot, DateTimeOffset ExpiresAt) : IFleetKeysMessage;
