using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>How far one anchor has taken the signed checkpoints: every one up to <c>AnchoredThrough</c> has reached it.</summary>
[Table("audit_anchors")]
public sealed class AuditAnchorRow
{
    [Column("anchor"), PrimaryKey, NotNull] public string Anchor { get; set; } = "";
    [Column("anchored_through")] public long AnchoredThrough { get; set; }
    [Column("last_error"), Nullable] public string? LastError { get; set; }
}
