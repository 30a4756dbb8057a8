using LinqToDB.Mapping;

namespace FleetKeys.Scim.Store;

/// <summary>A SCIM group; its members are rows of <see cref="ScimMemberRow"/>, so a membership change touches one row.</summary>
[Table("scim_groups")]
public sealed class ScimGroupRow
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("display_name"), NotNull] public string DisplayName { get; set; } = "";

    /// <summary>Unique: entitlement groups name SCIM groups by it.</summary>
    [Column("display_name_key"), NotNull] public string DisplayNameKey { get; set; } = "";

    [Column("external_id"), Nullable] public string? ExternalId { get; set; }
    [Column("resource"), NotNull] public string Resource { get; set; } = "";
    [Column("created_at")] public long CreatedAt { get; set; }
    [Column("modified_at")] public long ModifiedAt { get; set; }
    [Column("revision")] public long Revision { get; set; }
}

[Table("scim_group_members")]
public sealed class ScimMemberRow
{
    [Column("group_id"), PrimaryKey(0), NotNull] public string GroupId { get; set; } = "";
    [Column("user_id"), PrimaryKey(1), NotNull] public string UserId { get; set; } = "";
}
