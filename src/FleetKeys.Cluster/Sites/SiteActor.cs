using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Sites;

namespace FleetKeys.Cluster.Sites;

public sealed class SiteActor : EventSourcedEntity<SiteState, SiteCommand, SiteEvent>
{
    public SiteActor(SiteId id, EntityServices services) : base(PersistenceIds.Site(id), SiteState.Empty(id), services)
    {
        Command<SiteCommand>(c => Execute(c));
        Command<GetSite>(_ => Sender.Tell(Answer));
    }

    protected override object Answer => SiteDetails.Of(State);
}
