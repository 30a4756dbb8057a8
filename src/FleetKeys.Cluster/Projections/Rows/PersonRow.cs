using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

[Table("rm_people")]
public sealed class PersonRow
{
    [Column("person_id"), PrimaryKey, NotNull] public string PersonId { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("valid_from"), Nullable] public long? ValidFrom { get; set; }
    [Column("valid_until"), Nullable] public long? ValidUntil { get; set; }
    [Column("max_keys")] public int MaxKeys { get; set; }
    [Column("badges")] public int Badges { get; set; }
    [Column("has_pin")] public bool HasPin { get; set; }
    [Column("keys_held")] public int KeysHeld { get; set; }
    [Column("revocation_reason"), Nullable] public string? RevocationReason { get; set; }
}
