using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>
/// One inventory discrepancy, keyed by the journal position of the event that found it: where, what, since when, and — once
/// over — when and how it was resolved. Times are UTC ticks.
/// </summary>
[Table("rm_discrepancies")]
public sealed class DiscrepancyRow : ISlotOfCabinet
{
    [Column("ordering"), PrimaryKey] public long Ordering { get; set; }
    [Column("cabinet_id"), NotNull] public string CabinetId { get; set; } = "";
    [Column("slot")] public int Slot { get; set; }
    [Column("kind"), NotNull] public string Kind { get; set; } = "";
    [Column("tag_id"), NotNull] public string TagId { get; set; } = "";

    /// <summary>The home slot of the key with the tag, when the fleet knows one.</summary>
    [Column("key_slot_id"), Nullable] public string? KeySlotId { get; set; }

    [Column("found_at")] public long FoundAt { get; set; }
    [Column("resolved_at"), Nullable] public long? ResolvedAt { get; set; }

    /// <summary>What showed it over (<see cref="Domain.Cabinets.DiscrepancyResolution"/>, camelCase), or "decommissioned".</summary>
    [Column("resolved_how"), Nullable] public string? ResolvedHow { get; set; }
}
