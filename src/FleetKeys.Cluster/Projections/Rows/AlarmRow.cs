using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>
/// An alarm and where it is in its lifecycle; its id is the journal position of the event that raised it. Later
/// occurrences of the same cause while it is open are counted on it (<see cref="Occurrences"/>, <see cref="LastSeenAt"/>).
/// </summary>
[Table("rm_alarms")]
public sealed class AlarmRow
{
    [Column("alarm_id"), PrimaryKey] public long AlarmId { get; set; }
    [Column("kind"), NotNull] public string Kind { get; set; } = "";
    [Column("cabinet_id"), Nullable] public string? CabinetId { get; set; }
    [Column("slot"), Nullable] public int? Slot { get; set; }
    [Column("person_id"), Nullable] public string? PersonId { get; set; }
    [Column("controller_id"), Nullable] public string? ControllerId { get; set; }
    [Column("detail"), NotNull] public string Detail { get; set; } = "";
    [Column("raised_at")] public long RaisedAt { get; set; }
    [Column("occurrences")] public int Occurrences { get; set; } = 1;
    [Column("last_seen_at")] public long LastSeenAt { get; set; }
    [Column("acknowledged_at"), Nullable] public long? AcknowledgedAt { get; set; }
    [Column("acknowledged_by"), Nullable] public string? AcknowledgedBy { get; set; }
    [Column("acknowledge_note"), Nullable] public string? AcknowledgeNote { get; set; }
    [Column("cleared_at"), Nullable] public long? ClearedAt { get; set; }
    [Column("cleared_by"), Nullable] public string? ClearedBy { get; set; }
    [Column("clear_note"), Nullable] public string? ClearNote { get; set; }
}
