namespace FleetKeys.Domain.Alarms;

/// <summary>
/// Facts about the audit's anchoring outside the database, the node's own rather than a cabinet's or a person's: it lapsed
/// (signed checkpoints have waited too long for an anchor) or caught up. They raise and clear a system alarm.
/// </summary>
public abstract record AuditAnchoringEvent(DateTimeOffset At) : IFleetKeysMessage;

/// <param name="Anchors">The anchors behind, e.g. "file, syslog".</param>
/// <param name="Since">When the oldest checkpoint still waiting was signed.</param>
public sealed record AuditAnchoringLapsed(string Anchors, long Waiting, DateTimeOffset Since, string Error, DateTimeOffset At)
    : AuditAnchoringEvent(At);

public sealed record AuditAnchoringCaughtUp(DateTimeOffset At) : AuditAnchoringEvent(At);

/// <summary>What one anchoring pass saw: the anchors behind longer than the alarm allows, and how many checkpoints still wait anywhere.</summary>
public sealed record AnchoringObserved(IReadOnlyList<string> Lapsed, long Waiting, DateTimeOffset? Since, string? Error, DateTimeOffset At);

/// <summary>Whether the anchoring alarm is raised: raised once when anchoring lapses, cleared once when nothing waits any more.</summary>
public sealed record AuditAnchoringState(bool Lapsed)
{
    public static readonly AuditAnchoringState Initial = new(false);

    public IReadOnlyList<AuditAnchoringEvent> Decide(AnchoringObserved seen) => seen switch
    {
        { Lapsed.Count: > 0, Since: { } since } when !Lapsed =>
            [new AuditAnchoringLapsed(string.Join(", ", seen.Lapsed), seen.Waiting, since, seen.Error ?? "", seen.At)],
        { Waiting: 0 } when Lapsed => [new AuditAnchoringCaughtUp(seen.At)],
        _ => [],
    };

    public AuditAnchoringState Apply(AuditAnchoringEvent @event) => @event switch
    {
        AuditAnchoringLapsed => new AuditAnchoringState(true),
        AuditAnchoringCaughtUp => new AuditAnchoringState(false),
        _ => this,
    };
}
