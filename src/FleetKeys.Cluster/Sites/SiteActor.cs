using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Sites;

namespace FleetKeys.Cluster.Sites;

public sealed class SiteActor : EventSourcedEntity<SiteState, RegisterSite, SiteRegistered>
{
    public SiteActor(SiteId id, EntityServices services) : base($"site-{id}", SiteState.Empty(id), services)
    {
        Command<RegisterSite>(c => Execute(c));
        Command<GetSite>(_ => Sender.Tell(State));
    }
}
