using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Entities;

/// <summary>
/// The thin shell around a functional core: decide, persist, apply, reply. Saga steps that need another entity's
/// answer go through <see cref="Await{T}"/>, which stashes everything else meanwhile, so an entity never interleaves
/// two decisions — the property that gives "exactly one winner" for a contested key.
/// </summary>
public abstract class EventSourcedEntity<TState, TCommand, TEvent> : ReceivePersistentActor, IWithTimers
    where TState : class, IEntityState<TState, TCommand, TEvent>
    where TCommand : class
    where TEvent : class
{
    private sealed record Resume(Action Continue);

    private sealed record Redeliver(IActorRef To, object Message, int Attempt);

    protected EventSourcedEntity(string persistenceId, TState initial, EntityServices services)
    {
        PersistenceId = persistenceId;
        State = initial;
        Clock = services.Clock;
        Settings = services.Settings;

        Recover<SnapshotOffer>(offer => State = (TState)offer.Snapshot);
        Recover<TEvent>(e => State = State.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<Redeliver>(r => Deliver(r.To, r.Message, r.Attempt));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => Log.Warning(f.Cause, "Snapshot of {PersistenceId} failed; recovery will replay more events", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    protected TState State { get; private set; }

    protected TimeProvider Clock { get; }

    protected EntitySettings Settings { get; }

    protected DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Side effects of a persisted event (notifying other entities, timers); runs live only, never on replay.</summary>
    protected virtual void OnPersisted(TEvent @event)
    {
    }

    protected virtual void OnRecovered()
    {
    }

    /// <summary>Decides, persists and applies the command, then replies with <paramref name="reply"/> (default: the new state).</summary>
    protected void Execute(TCommand command, Func<IReadOnlyList<TEvent>, object>? reply = null)
    {
        var replyTo = Sender;
        Execute(command, events => replyTo.Tell(reply?.Invoke(events) ?? State), rejection => replyTo.Tell(rejection));
    }

    protected void Execute(TCommand command, Action<IReadOnlyList<TEvent>> then, Action<Rejection> rejected)
    {
        var decision = State.Decide(command);
        void Answer()
        {
            if (decision.Rejection is { } rejection) rejected(rejection);
            else then(decision.Events);
        }

        if (decision.Events.Count == 0)
        {
            Answer();
            return;
        }

        // A refusal that carries events is answered only once they are persisted, like an acceptance.
        var remaining = decision.Events.Count;
        PersistAll(decision.Events, e =>
        {
            State = State.Apply(e);
            if (LastSequenceNr % Settings.SnapshotEvery == 0) SaveSnapshot(State);
            OnPersisted(e);
            if (--remaining == 0) Answer();
        });
    }

    /// <summary>
    /// Waits for another entity's answer before continuing, stashing every other message meanwhile.
    /// A failed or timed-out ask continues with an <see cref="RejectionCode.Unavailable"/> rejection.
    /// </summary>
    protected void Await(Task<object> ask, Action<object> then)
    {
        ask.ContinueWith(t => new Resume(() => then(t.IsCompletedSuccessfully
                ? t.Result
                : Rejection.Of(RejectionCode.Unavailable, "another part of the cluster did not answer in time; try again"))),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
        BecomeStacked(() =>
        {
            Command<Resume>(r =>
            {
                UnbecomeStacked();
                Stash.UnstashAll();
                r.Continue();
            });
            CommandAny(_ => Stash.Stash());
        });
    }

    protected Task<object> Ask(IActorRef to, object message) => to.Ask<object>(message, Settings.AskTimeout);

    /// <summary>
    /// At-least-once notification of another entity: asked, and retried with backoff until it answers or the attempts
    /// run out. Receivers are idempotent, and each entity re-asserts its facts on recovery, which covers a crash here.
    /// </summary>
    protected void Deliver(IActorRef to, object message, int attempt = 1)
    {
        var self = Self;
        var scheduler = Context.System.Scheduler;
        Ask(to, message).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully || attempt >= Settings.DeliveryAttempts) return;
            var backoff = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
            scheduler.ScheduleTellOnce(backoff, self, new Redeliver(to, message, attempt + 1), ActorRefs.NoSender);
        }, TaskContinuationOptions.ExecuteSynchronously);
    }
}
