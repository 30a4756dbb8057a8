using LinqToDB.Mapping;

namespace FleetKeys.Scim.Store;

/// <summary>
/// What membership of a SCIM group grants: entitlements, kept as the management API received them (JSON). The name
/// matches a SCIM group's displayName (without case) or its id.
/// </summary>
[Table("scim_entitlement_groups")]
public sealed class EntitlementGroupRow
{
    [Column("name_key"), PrimaryKey, NotNull] public string NameKey { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("entitlements"), NotNull] public string Entitlements { get; set; } = "";
    [Column("modified_at")] public long ModifiedAt { get; set; }
}
