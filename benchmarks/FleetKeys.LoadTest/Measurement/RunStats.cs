using System.Collections.Concurrent;
using FleetKeys.Domain.Ids;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>
/// What the errands measured. Latencies and persisted-transaction counts are kept only inside the measured window
/// (warm-up excluded; the shift-change burst apart); errors and the physical record of every take and return are kept
/// always, because the audit compares all of them with the journal.
/// </summary>
public sealed class RunStats
{
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<SlotId, (int Takes, int Returns)> _physical = new();
    private readonly ConcurrentQueue<string> _unanswered = new();
    private long _takes;
    private long _returns;
    private long _denials;
    private long _revocations;
    private long _shed;

    /// <summary>Set by the workload's clock: samples are kept only while measuring.</summary>
    public volatile bool Measuring;

    public volatile bool InBurst;

    public Latencies BadgeDecision { get; } = new("badge → welcome (session decided)");
    public Latencies KeyDecision { get; } = new("key choice → unlock (release decided)");
    public Latencies AccessDecision { get; } = new("access decision: badge → welcome + key choice → unlock");
    public Latencies AccessDecisionInBurst { get; } = new("access decision during the shift-change burst");
    public Latencies BadgeToUnlock { get; } = new("badge → unlock, wall clock (incl. the wait for the next poll)");
    public Latencies DenialDecision { get; } = new("refused badge → refusal shown");
    public Latencies TakeLatency { get; } = new("key out of its slot → take persisted (event acknowledged)");
    public Latencies ReturnLatency { get; } = new("key back in its slot → return persisted (event acknowledged)");
    public Latencies RevocationPurged { get; } = new("revocation → every online cabinet purged");

    public long CustodyTransactions => Interlocked.Read(ref _takes) + Interlocked.Read(ref _returns);
    public long Takes => Interlocked.Read(ref _takes);
    public long Returns => Interlocked.Read(ref _returns);
    public long Denials => Interlocked.Read(ref _denials);
    public long Revocations => Interlocked.Read(ref _revocations);

    /// <summary>Arrivals that found nothing free to act on (every cabinet or person busy) or the in-flight cap reached.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    public IReadOnlyDictionary<string, int> Errors => _errors;
    public int ErrorCount => _errors.Values.Sum();

    /// <summary>Takes and returns that physically happened at the simulator, per slot: what the journal must hold.</summary>
    public IReadOnlyDictionary<SlotId, (int Takes, int Returns)> Physical => _physical;

    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Each step that timed out, where and what the cabinet showed then: an error, told one by one so a failing run explains itself.</summary>
    public IReadOnlyCollection<string> Unanswered => _unanswered;

    public void NoAnswer(string kind, string where)
    {
        Error(kind);
        _unanswered.Enqueue(where);
    }

    public void Shedding() => Interlocked.Increment(ref _shed);

    public void KeyTaken(SlotId slot) => _physical.AddOrUpdate(slot, (1, 0), (_, c) => (c.Takes + 1, c.Returns));

    public void KeyReturned(SlotId slot) => _physical.AddOrUpdate(slot, (0, 1), (_, c) => (c.Takes, c.Returns + 1));

    public void TakePersisted(long removedAt, long acknowledgedAt)
    {
        if (!Measuring) return;
        Interlocked.Increment(ref _takes);
        TakeLatency.Record(removedAt, acknowledgedAt);
    }

    public void ReturnPersisted(long insertedAt, long acknowledgedAt)
    {
        if (!Measuring) return;
        Interlocked.Increment(ref _returns);
        ReturnLatency.Record(insertedAt, acknowledgedAt);
    }

    public void Granted(long badgeAt, long welcomeAt, long keyAt, long unlockAt)
    {
        if (!Measuring) return;
        BadgeDecision.Record(badgeAt, welcomeAt);
        KeyDecision.Record(keyAt, unlockAt);
        var decision = (welcomeAt - badgeAt + unlockAt - keyAt) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        (InBurst ? AccessDecisionInBurst : AccessDecision).Record(decision);
        BadgeToUnlock.Record(badgeAt, unlockAt);
    }

    public void Refused(long badgeAt, long refusalAt)
    {
        if (!Measuring) return;
        Interlocked.Increment(ref _denials);
        DenialDecision.Record(badgeAt, refusalAt);
    }

    public void Revoked(long requestedAt, long lastPurgeAt)
    {
        Interlocked.Increment(ref _revocations);
        RevocationPurged.Record(requestedAt, lastPurgeAt);
    }

    public IEnumerable<Latencies> AllLatencies =>
        [AccessDecision, AccessDecisionInBurst, BadgeDecision, KeyDecision, BadgeToUnlock, DenialDecision, TakeLatency, ReturnLatency, RevocationPurged];
}
