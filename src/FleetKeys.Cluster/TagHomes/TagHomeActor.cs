using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.TagHomes;

/// <summary>
/// The tag directory's entity for one tag: records where its key is homed, refuses a second key with the same tag while
/// the first is homed (<see cref="SlotDirectoryEntity{TState,TClaim,TEvent}"/>), and answers where that is.
/// </summary>
public sealed class TagHomeActor : SlotDirectoryEntity<TagHomeState, RecordTagHome, TagHomed>
{
    public TagHomeActor(TagId tag, EntityServices services) : base(PersistenceIds.TagHome(tag), new TagHomeState(tag, null, null), services) =>
        Command<FindTagHome>(_ => Sender.Tell(State));

    protected override SlotId? Holder => State.Slot;

    protected override SlotId Claimant(RecordTagHome claim) => claim.Slot;

    protected override RecordTagHome Judged(RecordTagHome claim, KeyDefinition? holderCarries) =>
        claim with { HolderStillCarriesIt = holderCarries?.Tag == claim.Tag };
}
