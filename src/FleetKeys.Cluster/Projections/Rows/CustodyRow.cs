using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>Who holds the key homed in one slot right now, with the key it is. Times are UTC ticks.</summary>
[Table("rm_custody")]
public sealed class CustodyRow : IKeyAtCabinet
{
    [Column("slot_id"), PrimaryKey, NotNull] public string SlotId { get; set; } = "";
    [Column("cabinet_id"), NotNull] public string CabinetId { get; set; } = "";
    [Column("slot")] public int Slot { get; set; }
    [Column("key_id"), NotNull] public string KeyId { get; set; } = "";
    [Column("key_name"), NotNull] public string KeyName { get; set; } = "";
    [Column("key_group"), NotNull] public string KeyGroup { get; set; } = "";
    [Column("criticality"), NotNull] public string Criticality { get; set; } = "";
    [Column("tag_id"), NotNull] public string TagId { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("holder"), Nullable] public string? Holder { get; set; }
    [Column("since"), Nullable] public long? Since { get; set; }
    [Column("due_at"), Nullable] public long? DueAt { get; set; }
    [Column("released_until"), Nullable] public long? ReleasedUntil { get; set; }
    [Column("last_holder"), Nullable] public string? LastHolder { get; set; }

    /// <summary>The slot the key sits in when it was put back somewhere other than its home.</summary>
    [Column("placed_in"), Nullable] public string? PlacedIn { get; set; }
}
