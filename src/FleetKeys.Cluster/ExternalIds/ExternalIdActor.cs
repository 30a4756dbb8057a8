using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.ExternalIds;

public sealed class ExternalIdActor : EventSourcedEntity<ExternalIdState, ClaimExternalId, ExternalIdClaimed>
{
    public ExternalIdActor(ExternalId external, EntityServices services)
        : base(PersistenceIds.ExternalId(external, (services.Keys ?? throw new ArgumentException("external ids' journals are named with the node's keys", nameof(services))).Badges),
            new ExternalIdState(external, null), services)
    {
        Command<ClaimExternalId>(c => Execute(c));
    }
}
