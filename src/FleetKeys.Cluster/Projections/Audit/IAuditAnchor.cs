using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>A place outside the database a signed checkpoint is sent to, so deleting checkpoints from the database does not unmake them.</summary>
public interface IAuditAnchor
{
    /// <summary>Names the anchor in the progress table, the alarm and the logs: "file", "syslog".</summary>
    string Name { get; }

    /// <exception cref="IOException">Or any socket error: the checkpoint is sent again on the next pass.</exception>
    Task Send(AuditCheckpoint checkpoint, CancellationToken cancellationToken);
}
