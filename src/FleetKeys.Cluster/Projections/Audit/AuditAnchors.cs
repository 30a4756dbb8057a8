using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>The anchors configured (<see cref="AuditSettings"/>), and the checkpoints the ones that can be read back hold.</summary>
public sealed class AuditAnchors
{
    public AuditAnchors(AuditSettings settings)
    {
        File = settings.AnchorFile is { Length: > 0 } path ? new FileAnchor(path) : null;
        All = [.. new IAuditAnchor?[] { File, settings.Syslog is { } syslog ? new SyslogAnchor(syslog) : null }.OfType<IAuditAnchor>()];
    }

    public FileAnchor? File { get; }

    public IReadOnlyList<IAuditAnchor> All { get; }

    /// <summary>The heads anchored where the node can read them again: verification holds the chain to these too.</summary>
    public IReadOnlyList<AuditCheckpoint> Anchored() => File?.Read() ?? [];
}
