using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

public sealed class PersonActor : EventSourcedEntity<PersonState, PersonCommand, PersonEvent>
{
    private readonly IActorRef _cabinets;

    public PersonActor(PersonId id, EntityServices services) : base($"person-{id}", PersonState.Empty(id), services)
    {
        _cabinets = ActorRegistry.For(Context.System).Get<CabinetRegion>();

        // Session and grant requests are answered with the decided event: the caller needs its details, not the person.
        Command<OpenSession>(c => Execute(c, events => events.Single()));
        Command<RequestGrant>(c => Execute(c, events => events.Single()));
        Command<PersonCommand>(c => Execute(c));
        Command<GetPerson>(_ => Sender.Tell(State));
        Command<PublishAccess>(_ => PublishProfile());
    }

    protected override void OnRecovered() => PublishProfile();

    private void PublishProfile()
    {
        if (State.Registered) AccessDirectory.Publish(Context.System, State.Profile(LastSequenceNr));
    }

    protected override void OnPersisted(PersonEvent @event)
    {
        if (@event is PersonRegistered or BadgeAdded or PinSet or EntitlementsSet or PersonRevoked or PersonReinstated)
            PublishProfile();

        if (@event is PersonRevoked revoked)
        {
            foreach (var session in revoked.SessionsClosed)
                Deliver(_cabinets, new EndSession(session.Cabinet, session.Session, revoked.At));
        }
    }
}
