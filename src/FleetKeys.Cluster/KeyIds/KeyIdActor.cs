using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Cluster.KeyIds;

/// <summary>Decides who may carry a key id (<see cref="SlotDirectoryEntity{TState,TClaim,TEvent}"/>).</summary>
public sealed class KeyIdActor(KeyId key, EntityServices services)
    : SlotDirectoryEntity<KeyIdState, ClaimKeyId, KeyIdClaimed>(PersistenceIds.KeyId(key), new KeyIdState(key, null), services)
{
    protected override SlotId? Holder => State.Slot;

    protected override SlotId Claimant(ClaimKeyId claim) => claim.Slot;

    protected override ClaimKeyId Judged(ClaimKeyId claim, KeyDefinition? holderCarries) =>
        claim with { HolderStillCarriesIt = holderCarries?.Id == claim.Key };
}
