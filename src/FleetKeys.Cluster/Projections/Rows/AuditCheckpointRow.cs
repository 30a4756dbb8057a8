using FleetKeys.Domain.Audit;
using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A signed checkpoint of the audit chain (<see cref="AuditCheckpoint"/>), as the database keeps it.</summary>
[Table("audit_checkpoints")]
public sealed class AuditCheckpointRow
{
    [Column("number"), PrimaryKey] public long Number { get; set; }
    [Column("seq")] public long Seq { get; set; }
    [Column("head"), NotNull] public string Head { get; set; } = "";
    [Column("signed_at")] public long SignedAt { get; set; }
    [Column("key_id"), NotNull] public string KeyId { get; set; } = "";
    [Column("signature"), NotNull] public string Signature { get; set; } = "";

    public AuditCheckpoint Checkpoint() => new(Number, Seq, Head, Ticks.Instant(SignedAt), KeyId, Signature);

    public static AuditCheckpointRow Of(AuditCheckpoint c) =>
        new() { Number = c.Number, Seq = c.Seq, Head = c.Head, SignedAt = Ticks.Of(c.SignedAt), KeyId = c.KeyId, Signature = c.Signature };
}
