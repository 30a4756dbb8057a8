using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Credentials;

public sealed class CredentialActor : EventSourcedEntity<CredentialState, CredentialCommand, CredentialEvent>
{
    public CredentialActor(BadgeNumber badge, EntityServices services)
        : base(PersistenceIds.Credential(badge, (services.Keys ?? throw new ArgumentException("badges' journals are named with the node's keys", nameof(services))).Badges),
            new CredentialState(badge, null), services)
    {
        Command<CredentialCommand>(c => Execute(c));
        Command<ResolveBadge>(_ => Sender.Tell(new BadgeResolution(State.Badge, State.Owner)));
    }
}
