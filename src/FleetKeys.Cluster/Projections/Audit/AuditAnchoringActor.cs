using Akka.Persistence;
using FleetKeys.Domain.Alarms;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Records in the journal when audit anchoring lapses and when it catches up (<see cref="AuditAnchoringState"/>), so the
/// alarm is raised and cleared the way every alarm is, from recorded facts. A child of the checkpoint singleton: one writer.
/// </summary>
public sealed class AuditAnchoringActor : ReceivePersistentActor
{
    public const string Id = "audit-anchoring";

    private AuditAnchoringState _state = AuditAnchoringState.Initial;

    public AuditAnchoringActor()
    {
        Recover<AuditAnchoringEvent>(e => { _state = _state.Apply(e); });
        Command<AnchoringObserved>(seen => PersistAll(_state.Decide(seen), e => { _state = _state.Apply(e); }));
    }

    public override string PersistenceId => Id;
}
