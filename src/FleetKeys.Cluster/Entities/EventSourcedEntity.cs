using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Entities;

/// <summary>
/// The thin shell around a functional core: decide, persist, apply, reply. Saga steps that need another entity's
/// answer go through <see cref="AskAndWait{TReply}"/>, which stashes everything else meanwhile, so an entity never interleaves
/// two decisions — the property that gives "exactly one winner" for a contested key.
/// </summary>
/// <remarks>
/// An entity that has recorded nothing holds nothing worth keeping in memory: behind its shard (and not remembered) it
/// stops as soon as it has answered, so a read or a refused command about an id nobody registered — an unknown person,
/// a badge nobody holds, an empty slot — leaves nothing running. It never stops while a decision is being persisted or
/// an answer awaited.
/// </remarks>
public abstract class EventSourcedEntity<TState, TCommand, TEvent> : ReceivePersistentActor, IWithTimers
    where TState : class, IEntityState<TState, TCommand, TEvent>
    where TCommand : class
    where TEvent : class
{
    private sealed record Resume(Action Continue);

    private sealed record Redeliver(IActorRef To, object Message, int Attempt);

    private sealed record StopEmpty;

    private readonly bool _stopWhenEmpty;
    private int _unpersisted;
    private bool _awaiting;
    private bool _stopping;
    private StoredJson? _json;

    protected EventSourcedEntity(string persistenceId, TState initial, EntityServices services)
    {
        PersistenceId = persistenceId;
        State = initial;
        Clock = services.Clock;
        Settings = services.Settings;
        _stopWhenEmpty = services.StopWhenEmpty;

        Command<StopEmpty>(_ => Context.Stop(Self));
        Recover<SnapshotOffer>(offer => State = (TState)offer.Snapshot);
        Recover<TEvent>(e => State = State.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<Redeliver>(r => AskUntilAnswered(r.To, r.Message, r.Attempt));
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

    /// <summary>What the entity answers a read or an accepted command with: its state, unless it makes a view for its callers.</summary>
    protected virtual object Answer => State;

    protected override bool AroundReceive(Receive receive, object message)
    {
        var recovering = IsRecovering;
        var handled = base.AroundReceive(receive, message);
        if (_stopWhenEmpty && !recovering && !_stopping && LastSequenceNr == 0 && _unpersisted == 0 && !_awaiting)
        {
            // Through the shard, which holds back what arrives for this entity meanwhile and starts it again for that.
            _stopping = true;
            Context.Parent.Tell(new Passivate(new StopEmpty()));
        }

        return handled;
    }

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
        Execute(command, events => replyTo.Tell(reply?.Invoke(events) ?? Answer), rejection => replyTo.Tell(rejection));
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
        _unpersisted += remaining;
        void Persist() => PersistAll(decision.Events, e =>
        {
            _unpersisted--;
            State = State.Apply(e);
            if (LastSequenceNr % Settings.SnapshotEvery == 0) SaveSnapshot(State);
            OnPersisted(e);
            if (--remaining == 0) Answer();
        });

        // Keys not at hand are made before the journal seals with them, never on its one serializing thread; whatever the
        // outcome the events are persisted (a key still missing is made by the sealing itself).
        if ((_json ??= StoredJson.Of(Context.System)).PrepareKeys(decision.Events) is { } preparing)
            Wait(preparing, Persist);
        else Persist();
    }

    /// <summary>
    /// Asks another entity and waits for its answer, stashing every other message meanwhile: <paramref name="then"/> gets
    /// the reply the request declares, <paramref name="refused"/> a rejection — an ask that failed or timed out is
    /// <see cref="RejectionCode.Unavailable"/>. Any other answer is a bug, and fails the entity loudly instead of falling through.
    /// </summary>
    protected void AskAndWait<TReply>(IActorRef to, IAsk<TReply> request, Action<TReply> then, Action<Rejection> refused) where TReply : class =>
        AskAndWait(AskNow(to, request), then, refused);

    /// <summary>As <see cref="AskAndWait{TReply}(IActorRef, IAsk{TReply}, Action{TReply}, Action{Rejection})"/>, for an ask started earlier.</summary>
    protected void AskAndWait<TReply>(Asking<TReply> asking, Action<TReply> then, Action<Rejection> refused) where TReply : class =>
        Wait(asking.Answer, answer =>
        {
            switch (answer)
            {
                case TReply reply:
                    then(reply);
                    break;
                case Rejection rejection:
                    refused(rejection);
                    break;
                default:
                    throw UnexpectedReply(asking.Request, answer);
            }
        });

    /// <summary>
    /// Starts an ask whose answer a later step waits for: a lookup that does not depend on the step before it runs beside
    /// it, so the two cost the slower of them instead of both in turn (each may be a recovery while a node starts).
    /// </summary>
    protected Asking<TReply> AskNow<TReply>(IActorRef to, IAsk<TReply> request) where TReply : class => new(request, Ask(to, request));

    protected sealed record Asking<TReply>(IAsk<TReply> Request, Task<object> Answer) where TReply : class;

    /// <summary>
    /// Asks several at once and waits for all their answers, as <see cref="AskAndWait{TReply}"/> waits for one: each answer is
    /// the declared reply, or null where the ask failed, timed out or was refused.
    /// </summary>
    protected void AskAllAndWait<TReply>(IActorRef to, IReadOnlyList<IAsk<TReply>> requests, Action<IReadOnlyList<TReply?>> then) where TReply : class
    {
        var answers = Task.WhenAll(requests.Select(r => Ask(to, r).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null,
            TaskContinuationOptions.ExecuteSynchronously)));
        Wait(answers, () => then([.. answers.Result.Zip(requests, (answer, request) => Declared(request, answer))]));
    }

    /// <summary>
    /// Asks without waiting (for work that may be repeated later): the declared reply, or null where the ask failed, timed
    /// out or was refused; an undeclared answer faults the task.
    /// </summary>
    protected Task<TReply?> AskFor<TReply>(IActorRef to, IAsk<TReply> request) where TReply : class =>
        Ask(to, request).ContinueWith(t => Declared(request, t.IsCompletedSuccessfully ? t.Result : null),
            TaskContinuationOptions.ExecuteSynchronously);

    /// <summary>The declared reply, or null for none (a refusal, a failed ask); anything else is a bug and throws.</summary>
    private static TReply? Declared<TReply>(IAsk<TReply> request, object? answer) where TReply : class => answer switch
    {
        TReply reply => reply,
        null or Rejection => null,
        _ => throw UnexpectedReply(request, answer),
    };

    private static InvalidOperationException UnexpectedReply(object request, object answer) =>
        new($"{request.GetType().Name} was answered with {answer.GetType().Name}, which it does not declare");

    private void Wait(Task<object> ask, Action<object> then) => Wait((Task)ask, () => then(ask.IsCompletedSuccessfully
        ? ask.Result
        : Rejection.Of(RejectionCode.Unavailable, "another part of the cluster did not answer in time; try again")));

    /// <summary>Stashes every other message until <paramref name="task"/> is over, whatever its outcome, then goes on with <paramref name="then"/>.</summary>
    protected void Wait(Task task, Action then)
    {
        task.ContinueWith(_ => new Resume(then), TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
        _awaiting = true;
        BecomeStacked(() =>
        {
            Command<Resume>(r =>
            {
                _awaiting = false;
                UnbecomeStacked();
                Stash.UnstashAll();
                r.Continue();
            });
            CommandAny(_ => Stash.Stash());
        });
    }

    private Task<object> Ask(IActorRef to, object message) => to.Ask<object>(message, Settings.AskTimeout);

    /// <summary>
    /// At-least-once notification of another entity: asked, and retried with backoff until it answers or the attempts
    /// run out. Receivers are idempotent, and each entity re-asserts its facts on recovery, which covers a crash here.
    /// </summary>
    protected void AskUntilAnswered(IActorRef to, object message, int attempt = 1)
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
