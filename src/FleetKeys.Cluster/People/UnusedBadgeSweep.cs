using Akka.Actor;
using Akka.Event;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>
/// The optional automatic suspension of people whose badges go unused: every <c>every</c> it finds, from what the cabinets
/// recorded, the people none of whose badges has been seen within the limit, and asks each of them; the person decides
/// (<see cref="SuspendIfBadgesUnused"/>), so a session opened meanwhile is never overruled by this read. A pass that fails is
/// simply the next pass's to do.
/// </summary>
public sealed class UnusedBadgeSweep : ReceiveActor, IWithTimers
{
    public sealed record Sweep;

    private sealed record Found(IReadOnlyList<(PersonId Person, DateTimeOffset? LastUsed)> People, DateTimeOffset At);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _every;
    private readonly bool _enabled;

    /// <param name="unusedFor">Null: the suspension is off (the default), and the sweep never runs.</param>
    public UnusedBadgeSweep(ReportQueries reports, IActorRef people, TimeProvider clock, TimeSpan? unusedFor, TimeSpan every)
    {
        _every = every;
        _enabled = unusedFor is not null;
        Receive<Sweep>(_ =>
        {
            var now = clock.GetUtcNow();
            Candidates(reports, now - unusedFor!.Value).PipeTo(Self, success: found => new Found(found, now),
                failure: e => new Status.Failure(e));
        });
        Receive<Found>(found =>
        {
            foreach (var (person, lastUsed) in found.People) people.Tell(new SuspendIfBadgesUnused(person, unusedFor!.Value, lastUsed, found.At));
        });
        Receive<Status.Failure>(f => _log.Warning(f.Cause, "The unused-badge sweep could not read the cabinets' records; the next pass tries again"));
        // The people's answers: what they decided is in their journals.
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (_enabled) Timers.StartPeriodicTimer(nameof(Sweep), new Sweep(), _every, _every);
    }

    /// <summary>People all of whose badges were given and last seen before <paramref name="since"/>, with the latest use of any.</summary>
    private static async Task<IReadOnlyList<(PersonId, DateTimeOffset?)>> Candidates(ReportQueries reports, DateTimeOffset since) =>
    [
        .. (await reports.CarriedBadges(CancellationToken.None)).GroupBy(b => b.PersonId)
            .Where(p => p.All(b => b.AddedAt < since && !(b.LastUsed >= since)))
            .Select(p => (new PersonId(p.Key), p.Max(b => b.LastUsed))),
    ];
}
