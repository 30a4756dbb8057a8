using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A cabinet at a glance: where it is, whether it answers, its door, and any control-room override. Times are UTC ticks.</summary>
[Table("rm_cabinets")]
public sealed class CabinetRow
{
    [Column("cabinet_id"), PrimaryKey, NotNull] public string CabinetId { get; set; } = "";
    [Column("site_id"), NotNull] public string SiteId { get; set; } = "";
    [Column("controller_id"), NotNull] public string ControllerId { get; set; } = "";
    [Column("bus_address")] public int BusAddress { get; set; }
    [Column("slot_count")] public int SlotCount { get; set; }
    [Column("requires_pin")] public bool RequiresPin { get; set; }
    [Column("online")] public bool Online { get; set; }
    [Column("online_changed_at"), Nullable] public long? OnlineChangedAt { get; set; }
    [Column("door_open")] public bool DoorOpen { get; set; }
    [Column("door_changed_at"), Nullable] public long? DoorChangedAt { get; set; }
    [Column("lockdown_reason"), Nullable] public string? LockdownReason { get; set; }
    [Column("lockdown_by"), Nullable] public string? LockdownBy { get; set; }
    [Column("lockdown_since"), Nullable] public long? LockdownSince { get; set; }
    [Column("emergency_reason"), Nullable] public string? EmergencyReason { get; set; }
    [Column("emergency_by"), Nullable] public string? EmergencyBy { get; set; }
    [Column("emergency_until"), Nullable] public long? EmergencyUntil { get; set; }
}
