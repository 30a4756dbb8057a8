using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Cluster.Scopes;

/// <summary>The fleet's regions and grants: a cluster singleton with a journal; every change answers the new whole.</summary>
public sealed class AccessScopesActor : EventSourcedEntity<AccessScopesState, AccessScopesCommand, AccessScopesEvent>
{
    public const string Id = "access-scopes";

    public AccessScopesActor(EntityServices services) : base(Id, AccessScopesState.Empty, services)
    {
        Command<AccessScopesCommand>(c => Execute(c));
        Command<GetAccessScopes>(_ => Sender.Tell(State));
    }
}
