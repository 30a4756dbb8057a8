using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Cluster.Entities;

/// <summary>
/// A directory entry that one slot at a time may hold (a key id, a tag). When another slot claims it, the holder — the only
/// writer of what it carries — is asked whether it still carries the key the entry names; meanwhile every other claim
/// waits, so the answer cannot go stale.
/// </summary>
public abstract class SlotDirectoryEntity<TState, TClaim, TEvent> : EventSourcedEntity<TState, TClaim, TEvent>
    where TState : class, IEntityState<TState, TClaim, TEvent>
    where TClaim : class, IAsk<TState>
    where TEvent : class
{
    private readonly IActorRef _slots;

    protected SlotDirectoryEntity(string persistenceId, TState initial, EntityServices services) : base(persistenceId, initial, services)
    {
        _slots = ActorRegistry.For(Context.System).Get<KeySlotRegion>();
        Command<TClaim>(Claim);
    }

    /// <summary>The slot that holds the entry now, if any.</summary>
    protected abstract SlotId? Holder { get; }

    protected abstract SlotId Claimant(TClaim claim);

    /// <summary>The claim, told whether the holder still carries a key the entry names.</summary>
    protected abstract TClaim Judged(TClaim claim, KeyDefinition? holderCarries);

    private void Claim(TClaim claim)
    {
        if (Holder is not { } holder || holder == Claimant(claim))
        {
            Execute(claim);
            return;
        }

        var replyTo = Sender;
        AskAndWait(_slots, new GetCustody(holder),
            slot => Execute(Judged(claim, slot.Key), _ => replyTo.Tell(State), refused => replyTo.Tell(refused)),
            replyTo.Tell);
    }
}
