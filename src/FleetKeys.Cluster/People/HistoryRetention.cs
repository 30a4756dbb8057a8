using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Retention;

namespace FleetKeys.Cluster.People;

/// <summary>
/// Retention of custody history (issue #23, point 3), one for the cluster: at start and then every
/// <see cref="RetentionSettings.Every"/> it counts the period keys of periods wholly before their site's cut-off (now
/// less the site's retention, <see cref="RetentionPolicy"/>; the site is the one the facts name), records the decision
/// per site (<see cref="RetentionApplied"/>, in the audit like every fact), destroys the keys it counted — which makes
/// that history's personal fields unreadable in the journal and the audit without changing a stored byte — and has the
/// read side follow per site. A look that finds nothing records nothing; one that fails is the next one's to do.
/// It answers <see cref="GetRetentionLook"/> with its last finished look, so a clock advanced can be waited on.
/// </summary>
public sealed class HistoryRetention : ReceivePersistentActor
{
    public const string Id = "history-retention";

    public sealed record Look;

    private sealed record Done(DateTimeOffset At, int Destroyed);

    // What a look found, and the mark it left on the keys it counted: only those are destroyed under its decision.
    private sealed record Counted(RetentionDue Due, string Look);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ITimer _timer;
    private RetentionLook _last = new(null, 0);

    public HistoryRetention(PersonKeys keys, ReadSideErasure? readSide, TimeProvider clock, RetentionPolicy policy, TimeSpan every)
    {
        var self = Self;
        _timer = clock.CreateTimer(_ => self.Tell(new Look()), null, every, every);
        Recover<RetentionApplied>(_ => { });
        Command<Look>(_ =>
        {
            var now = clock.GetUtcNow();
            var look = Guid.NewGuid().ToString("N");
            keys.Count(policy.Cuts(now), look, CancellationToken.None)
                .PipeTo(Self, success: counted => new Counted(new RetentionDue(counted, now), look), failure: e => new Status.Failure(e));
        });
        Command<Counted>(counted =>
        {
            var decided = RetentionRule.Decide(policy, counted.Due);
            if (decided.Count == 0) _last = new RetentionLook(counted.Due.At, 0);
            PersistAll(decided, applied =>
                Destroy(keys, readSide, applied, counted.Look).PipeTo(Self, success: destroyed => new Done(applied.At, destroyed), failure: e => new Status.Failure(e)));
        });
        Command<Done>(done =>
        {
            _last = new RetentionLook(done.At, done.Destroyed);
            _log.Info("Retention destroyed {0} period keys of custody history", done.Destroyed);
        });
        Command<GetRetentionLook>(_ => Sender.Tell(_last));
        Command<Status.Failure>(f => _log.Warning(f.Cause, "Retention could not finish; the next look tries again"));
    }

    public override string PersistenceId => Id;

    protected override void PreStart()
    {
        base.PreStart();
        Self.Tell(new Look());
    }

    protected override void PostStop()
    {
        _timer.Dispose();
        base.PostStop();
    }

    private static async Task<int> Destroy(PersonKeys keys, ReadSideErasure? readSide, RetentionApplied applied, string look)
    {
        var destroyed = await keys.DestroyCounted(look, CancellationToken.None);
        if (readSide is not null)
            foreach (var site in applied.Sites)
                await readSide.Expire(site.Site, HistoryPeriod.StartOf(HistoryPeriod.FirstKept(site.CutOff)), CancellationToken.None);
        return destroyed;
    }
}
