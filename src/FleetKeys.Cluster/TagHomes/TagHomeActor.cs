using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.TagHomes;

/// <summary>The tag directory's entity for one tag: records where its key is homed and answers where that is.</summary>
public sealed class TagHomeActor : EventSourcedEntity<TagHomeState, RecordTagHome, TagHomed>
{
    public TagHomeActor(TagId tag, EntityServices services) : base(PersistenceIds.TagHome(tag), new TagHomeState(tag, null, null), services)
    {
        Command<RecordTagHome>(c => Execute(c));
        Command<FindTagHome>(_ => Sender.Tell(State));
    }
}
