using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.ExternalIds;

public sealed class ExternalIdActor : EventSourcedEntity<ExternalIdState, ClaimExternalId, ExternalIdClaimed>
{
    public ExternalIdActor(ExternalId external, EntityServices services)
        : base(PersistenceIds.ExternalId(external), new ExternalIdState(external, null), services)
    {
        Command<ClaimExternalId>(c => Execute(c));
    }
}
