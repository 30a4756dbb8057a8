using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A fault reported against a key, open until <see cref="ClearedAt"/>; the key as it was named then. Times are UTC ticks.</summary>
[Table("rm_key_faults")]
public sealed class FaultRow : ISlotOfCabinet
{
    [Column("fault_id"), PrimaryKey, NotNull] public string FaultId { get; set; } = "";
    [Column("slot_id"), NotNull] public string SlotId { get; set; } = "";
    [Column("cabinet_id"), NotNull] public string CabinetId { get; set; } = "";
    [Column("slot")] public int Slot { get; set; }
    [Column("key_id"), NotNull] public string KeyId { get; set; } = "";
    [Column("key_name"), NotNull] public string KeyName { get; set; } = "";
    [Column("severity"), NotNull] public string Severity { get; set; } = "";
    [Column("description"), NotNull] public string Description { get; set; } = "";
    [Column("reported_by"), Nullable] public string? ReportedBy { get; set; }
    [Column("reported_via"), NotNull] public string ReportedVia { get; set; } = "";
    [Column("reported_at")] public long ReportedAt { get; set; }
    [Column("cleared_at"), Nullable] public long? ClearedAt { get; set; }
    [Column("cleared_by"), Nullable] public string? ClearedBy { get; set; }
    [Column("clear_note"), Nullable] public string? ClearNote { get; set; }
}
