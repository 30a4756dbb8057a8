using LinqToDB.Mapping;

namespace FleetKeys.Scim.Store;

/// <summary>
/// A SCIM user: the resource as the provider last wrote it, plus the attributes it is found by, lower-cased where SCIM
/// compares without case. A deleted user stays as a tombstone (no userName, no badge, never listed): its person stays terminated.
/// </summary>
[Table("scim_users")]
public sealed class ScimUserRow
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";

    /// <summary>Unique while the user exists; null once deleted, so the name can be provisioned again.</summary>
    [Column("user_name_key"), Nullable] public string? UserNameKey { get; set; }

    [Column("external_id"), Nullable] public string? ExternalId { get; set; }
    [Column("display_name_key"), Nullable] public string? DisplayNameKey { get; set; }
    [Column("employee_number_key"), Nullable] public string? EmployeeNumberKey { get; set; }

    /// <summary>The first work email, lower-cased: Entra can match users by <c>emails[type eq "work"].value</c>.</summary>
    [Column("work_email_key"), Nullable] public string? WorkEmailKey { get; set; }

    /// <summary>The badge number read from the configured attribute; unique among users.</summary>
    [Column("badge"), Nullable] public string? Badge { get; set; }

    /// <summary>Badges the user no longer carries (space-separated), to be taken from the person and freed; cleared once they are.</summary>
    [Column("retired_badges"), Nullable] public string? RetiredBadges { get; set; }

    [Column("active")] public bool Active { get; set; }
    [Column("deleted")] public bool Deleted { get; set; }
    [Column("resource"), NotNull] public string Resource { get; set; } = "";
    [Column("created_at")] public long CreatedAt { get; set; }
    [Column("modified_at")] public long ModifiedAt { get; set; }

    /// <summary>Counts every change that matters to the person: the user's own, its memberships, its groups' mappings.</summary>
    [Column("revision")] public long Revision { get; set; }

    /// <summary>Set with every revision, cleared once the person reflects that revision: what is left to reconcile.</summary>
    [Column("pending")] public bool Pending { get; set; }
}
