using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

public sealed class PersonActor : EventSourcedEntity<PersonState, PersonCommand, PersonEvent>
{
    /// <summary>A slot's answer to a relock asked again, brought back to be recorded; nobody waits for it.</summary>
    private sealed record RelockAnswered(ReportRelock Report);

    private readonly IActorRef _cabinets;
    private readonly IActorRef _slots;

    public PersonActor(PersonId id, EntityServices services) : base(PersistenceIds.Person(id), PersonState.Empty(id), services)
    {
        var registry = ActorRegistry.For(Context.System);
        _cabinets = registry.Get<CabinetRegion>();
        _slots = registry.Get<KeySlotRegion>();

        // Session and grant requests are answered with the decided event: the caller needs its details, not the person.
        Command<OpenSession>(c => Execute(c with { PinPepper = services.Keys?.PinPepper }, events => events.OfType<SessionOpened>().Single()));
        Command<PinChange>(c => Execute(c with { PinPepper = services.Keys?.PinPepper }));
        Command<RequestGrant>(c => Execute(c, events => events.Single()));
        Command<RequestRemoteGrant>(c => Execute(c, events => events.Single()));
        Command<AuthoriseRelease>(c => Execute(c, events => events.Single()));
        Command<RequestHandoverGrant>(c => Execute(c, events => events.Single()));
        Command<RevokePerson>(HandleRevoke);
        Command<RelockAnswered>(m => Execute(m.Report, _ => { }, _ => { }));
        Command<PersonCommand>(c => Execute(c));
        Command<GetPerson>(_ => Sender.Tell(Answer));
        Command<PublishAccess>(p =>
        {
            var asker = Sender;
            PublishProfileUnlessHeld(() => asker.Tell(new AccessPublished(p.Person)));
        });
        Command<RebroadcastRevocation>(_ =>
        {
            BroadcastRevocation();
            RelockPending();
            Sender.Tell(Answer);
        });
    }

    protected override void OnRecovered()
    {
        PublishProfileUnlessHeld();
        // A revocation broadcast is at-most-once; after a crash or failover it goes out again (drivers ignore repeats).
        if (State.Status != PersonStatus.Active)
        {
            BroadcastRevocation();
            RelockPending();
        }
    }

    /// <summary>
    /// The revocation is answered once every slot released under a voided grant has recorded that its release is void and
    /// told its controller to lock (or said there was nothing left to lock). A slot that does not answer in time is asked
    /// again; its relock stays pending meanwhile, as the progress shows.
    /// </summary>
    /// <summary>Never the PIN hashes, which the state holds: the answer crosses the cluster to whoever asked.</summary>
    protected override object Answer => PersonDetails.Of(State, Now);

    private void HandleRevoke(RevokePerson command)
    {
        var replyTo = Sender;
        Execute(command, events =>
        {
            if (events.OfType<PersonRevoked>().SingleOrDefault() is not { Releases.Count: > 0 } revoked)
            {
                replyTo.Tell(Answer);
                return;
            }

            var voids = revoked.Releases.Select(r => new VoidRelease(r.Slot, r.Grant, State.Id, revoked.Revision, revoked.At)).ToList();
            AskAllAndWait(_slots, voids, answered =>
            {
                var reports = new Queue<ReportRelock>();
                foreach (var (@void, answer) in voids.Zip(answered))
                {
                    if (answer is not { } relock) AskUntilAnswered(_slots, @void);
                    else if (relock.State != RelockState.Pending) reports.Enqueue(new ReportRelock(State.Id, revoked.Revision, relock.Slot, relock.State, Now));
                }

                Record(reports, () => replyTo.Tell(Answer));
            });
        }, replyTo.Tell);
    }

    private void Record(Queue<ReportRelock> reports, Action then)
    {
        if (reports.TryDequeue(out var report)) Execute(report, _ => Record(reports, then), _ => Record(reports, then));
        else then();
    }

    /// <summary>Asks each slot whose relock is still pending again; a slot still voided has its controller told to lock once more.</summary>
    private void RelockPending()
    {
        if (State.Revocation is not { } revocation) return;
        var (self, person, clock) = (Self, State.Id, Clock);
        foreach (var (slot, relock) in revocation.PendingRelocks)
            AskFor(_slots, new VoidRelease(slot, relock.Grant, person, revocation.Revision, Now)).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && t.Result is { State: not RelockState.Pending } answer)
                    self.Tell(new RelockAnswered(new ReportRelock(person, revocation.Revision, answer.Slot, answer.State, clock.GetUtcNow())));
            }, TaskContinuationOptions.ExecuteSynchronously);
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

    /// <summary>
    /// A person recovers far more often than its access changes (every few minutes of idleness passivates it), and after a
    /// whole cluster's stop every person is asked to publish (<see cref="PublishAccess"/>): republishing
    /// what the directory holds already made the replicator digest the person's partition and every driver on the node
    /// look at the person again, for nothing (docs/benchmarks.md, finding 18). The node's replica is asked first — the
    /// person is its entry's only writer, so the replica holds what it last published (after a move between nodes, what
    /// gossip brought: a takeover waits out a crashed node's downing, far longer than replicas take to agree) — and
    /// anything but the same access (another entry, none, no answer) is published again. Messages wait meanwhile, so
    /// nothing this person decides next can overtake the check.
    /// </summary>
    private void PublishProfileUnlessHeld(Action? then = null)
    {
        if (!State.Registered)
        {
            then?.Invoke();
            return;
        }

        var profile = State.Profile(LastSequenceNr);
        var held = AccessDirectory.Held(Context.System, profile.Person, Settings.AskTimeout);
        Wait(held, () =>
        {
            if (!(held.IsCompletedSuccessfully && held.Result is { } same && same.SameAccessAs(profile)))
                AccessDirectory.Publish(Context.System, profile);
            then?.Invoke();
        });
    }

    protected override void OnPersisted(PersonEvent @event)
    {
        if (@event is PersonRegistered or ValidityChanged or BadgeAdded or BadgeRemoved or PinSet or PinCleared or EntitlementsSet or PersonRevoked or PersonReinstated
            or PersonErased)
            PublishProfile();

        if (@event is PersonRevoked revoked)
        {
            BroadcastRevocation();
            foreach (var session in revoked.SessionsClosed)
                AskUntilAnswered(_cabinets, new EndSession(session.Cabinet, session.Session, revoked.At));
        }
    }
}
