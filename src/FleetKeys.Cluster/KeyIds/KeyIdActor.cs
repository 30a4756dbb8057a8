using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Cluster.KeyIds;

/// <summary>
/// Decides who may carry a key id. When another slot holds the id, that slot — the only writer of what it carries — is
/// asked whether it still carries a key of that id; meanwhile every other claim waits, so the answer cannot go stale.
/// </summary>
public sealed class KeyIdActor : EventSourcedEntity<KeyIdState, ClaimKeyId, KeyIdClaimed>
{
    private readonly IActorRef _slots;

    public KeyIdActor(KeyId key, EntityServices services) : base(PersistenceIds.KeyId(key), new KeyIdState(key, null), services)
    {
        _slots = ActorRegistry.For(Context.System).Get<KeySlotRegion>();
        Command<ClaimKeyId>(Claim);
    }

    private void Claim(ClaimKeyId claim)
    {
        if (State.Slot is not { } holder || holder == claim.Slot)
        {
            Execute(claim);
            return;
        }

        var replyTo = Sender;
        AskAndWait(_slots, new GetCustody(holder),
            slot => Execute(claim with { HolderStillCarriesIt = slot.Key?.Id == claim.Key }, _ => replyTo.Tell(State), refused => replyTo.Tell(refused)),
            replyTo.Tell);
    }
}
