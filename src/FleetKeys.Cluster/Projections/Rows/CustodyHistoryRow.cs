using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>One custody change, keyed by its journal position, with the key as it was then. Times are UTC ticks.</summary>
[Table("rm_custody_history")]
public sealed class CustodyHistoryRow : IKeyAtCabinet
{
    [Column("ordering"), PrimaryKey] public long Ordering { get; set; }
    [Column("slot_id"), NotNull] public string SlotId { get; set; } = "";
    [Column("cabinet_id"), NotNull] public string CabinetId { get; set; } = "";
    [Column("slot")] public int Slot { get; set; }
    [Column("key_id"), NotNull] public string KeyId { get; set; } = "";
    [Column("key_name"), NotNull] public string KeyName { get; set; } = "";
    [Column("key_group"), NotNull] public string KeyGroup { get; set; } = "";
    [Column("criticality"), NotNull] public string Criticality { get; set; } = "";
    [Column("kind"), NotNull] public string Kind { get; set; } = "";
    [Column("person_id"), Nullable] public string? PersonId { get; set; }
    [Column("returned_by"), Nullable] public string? ReturnedBy { get; set; }
    [Column("occurred_at")] public long At { get; set; }
    [Column("due_at"), Nullable] public long? DueAt { get; set; }
    [Column("was_overdue")] public bool WasOverdue { get; set; }
    [Column("reason"), Nullable] public string? Reason { get; set; }
    [Column("released_by"), Nullable] public string? ReleasedBy { get; set; }

    /// <summary>The site named by the fact that gave the row its reason (null: none, or a fact that names no site), for retention.</summary>
    [Column("site_id"), Nullable] public string? SiteId { get; set; }

    /// <summary>The slot a returned key went into when that was not its home.</summary>
    [Column("placed_in"), Nullable] public string? PlacedIn { get; set; }

    /// <summary>The giver of a handover (the row's person is the receiver).</summary>
    [Column("handed_from"), Nullable] public string? HandedFrom { get; set; }

    /// <summary>The answers to the key's return questions (a question not asked is null), and who gave them.</summary>
    [Column("odometer_km"), Nullable] public int? OdometerKm { get; set; }
    [Column("fuel_percent"), Nullable] public int? FuelPercent { get; set; }
    [Column("damaged"), Nullable] public bool? Damaged { get; set; }
    [Column("answered_by"), Nullable] public string? AnsweredBy { get; set; }
}
