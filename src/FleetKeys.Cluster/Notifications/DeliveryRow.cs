using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// One notice on its way to one subscription: the outbox the dispatcher works through. Written in the same transaction as
/// the notifications projection's offset, so a notice is queued exactly once; sent at least once.
/// </summary>
[Table("nt_deliveries")]
public sealed class DeliveryRow
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    [Column("delivery_id"), PrimaryKey, NotNull] public string DeliveryId { get; set; } = "";
    [Column("notice_id"), NotNull] public string NoticeId { get; set; } = "";
    [Column("subscription_id"), NotNull] public string SubscriptionId { get; set; } = "";
    [Column("kind"), NotNull] public string Kind { get; set; } = "";
    [Column("person_id"), Nullable] public string? PersonId { get; set; }
    [Column("payload"), NotNull] public string Payload { get; set; } = "";
    [Column("status"), NotNull] public string Status { get; set; } = Pending;
    [Column("attempts")] public int Attempts { get; set; }
    [Column("next_attempt_at")] public long NextAttemptAt { get; set; }
    [Column("last_error"), Nullable] public string? LastError { get; set; }
    [Column("finished_at"), Nullable] public long? FinishedAt { get; set; }
}
