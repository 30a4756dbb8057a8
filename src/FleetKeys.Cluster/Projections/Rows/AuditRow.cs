using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>
/// One persisted fact in the append-only audit log. <c>Hash</c> covers this row's fields and <c>PreviousHash</c>, so
/// changing, removing or slipping in a row breaks the chain from there on.
/// </summary>
[Table("audit_log")]
public sealed class AuditRow
{
    [Column("seq"), PrimaryKey] public long Seq { get; set; }
    [Column("ordering")] public long Ordering { get; set; }
    [Column("persistence_id"), NotNull] public string PersistenceId { get; set; } = "";
    [Column("sequence_nr")] public long SequenceNr { get; set; }
    [Column("event_type"), NotNull] public string EventType { get; set; } = "";
    [Column("recorded_at")] public long RecordedAt { get; set; }
    [Column("payload"), NotNull] public string Payload { get; set; } = "";
    [Column("previous_hash"), NotNull] public string PreviousHash { get; set; } = "";
    [Column("hash"), NotNull] public string Hash { get; set; } = "";
}
