using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>The physical key homed in a slot and the rules that travel with it.</summary>
public sealed record KeyDefinition(
    KeyId Id,
    string Name,
    KeyGroup Group,
    Criticality Criticality,
    TagId Tag,
    CustodyPolicy Policy) : IFleetKeysMessage;
