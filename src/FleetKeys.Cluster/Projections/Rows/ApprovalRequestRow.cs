using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>One request for approval of a key, as it stands: filed, decided, lapsed, redeemed or expired.</summary>
[Table("rm_approval_requests")]
public sealed class ApprovalRequestRow : ISlotOfCabinet
{
    [Column("request_id"), PrimaryKey, NotNull] public string RequestId { get; set; } = "";
    [Column("slot_id"), NotNull] public string SlotId { get; set; } = "";
    [Column("cabinet_id"), NotNull] public string CabinetId { get; set; } = "";
    [Column("slot")] public int Slot { get; set; }
    [Column("key_id"), NotNull] public string KeyId { get; set; } = "";
    [Column("person_id"), NotNull] public string PersonId { get; set; } = "";
    [Column("reason"), Nullable] public string? Reason { get; set; }
    [Column("filed_by"), NotNull] public string FiledBy { get; set; } = "";
    [Column("approver"), NotNull] public string Approver { get; set; } = "";
    [Column("approver_person"), Nullable] public string? ApproverPerson { get; set; }
    [Column("status"), NotNull] public string Status { get; set; } = "";
    [Column("requested_at")] public long RequestedAt { get; set; }
    [Column("decide_by")] public long DecideBy { get; set; }
    [Column("valid_until"), Nullable] public long? ValidUntil { get; set; }
    [Column("decided_by"), Nullable] public string? DecidedBy { get; set; }
    [Column("note"), Nullable] public string? Note { get; set; }

    /// <summary>The site the request names (null: none, filed before requests did), for retention.</summary>
    [Column("site_id"), Nullable] public string? SiteId { get; set; }
    [Column("closed_at"), Nullable] public long? ClosedAt { get; set; }
}
