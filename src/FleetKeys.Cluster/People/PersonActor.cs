using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
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

    public PersonActor(PersonId id, EntityServices services) : base(PersistenceIds.Person(id), PersonState.Empty(id), services)
    {
        _cabinets = ActorRegistry.For(Context.System).Get<CabinetRegion>();

        // Session and grant requests are answered with the decided event: the caller needs its details, not the person.
        Command<OpenSession>(c => Execute(c, events => events.OfType<SessionOpened>().Single()));
        Command<RequestGrant>(c => Execute(c, events => events.Single()));
        Command<RequestRemoteGrant>(c => Execute(c, events => events.Single()));
        Command<AuthoriseRelease>(c => Execute(c, events => events.Single()));
        Command<PersonCommand>(c => Execute(c));
        Command<GetPerson>(_ => Sender.Tell(State));
        Command<PublishAccess>(p =>
        {
            PublishProfile();
            Sender.Tell(new AccessPublished(p.Person));
        });
        Command<RebroadcastRevocation>(_ =>
        {
            BroadcastRevocation();
            Sender.Tell(State);
        });
    }

    protected override void OnRecovered()
    {
        PublishProfile();
        // A revocation broadcast is at-most-once; after a crash or failover it goes out again (drivers ignore repeats).
        if (State.Status != PersonStatus.Active) BroadcastRevocation();
    }

    private void BroadcastRevocation()
    {
        if (State.Revocation is { } revocation)
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RevocationBroadcast.Topic,
                new RevocationBroadcast(State.Id, revocation.Revision, LastSequenceNr, revocation.At)));
    }

    private void PublishProfile()
    {
        if (State.Registered) AccessDirectory.Publish(Context.System, State.Profile(LastSequenceNr));
    }

    protected override void OnPersisted(PersonEvent @event)
    {
        if (@event is PersonRegistered or BadgeAdded or BadgeRemoved or PinSet or PinCleared or EntitlementsSet or PersonRevoked or PersonReinstated)
            PublishProfile();

        if (@event is PersonRevoked revoked)
        {
            BroadcastRevocation();
            foreach (var session in revoked.SessionsClosed)
                Deliver(_cabinets, new EndSession(session.Cabinet, session.Session, revoked.At));
        }
    }
}
