using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A command request seen with an Idempotency-Key, and its response once there is one, replayed to retries.</summary>
[Table("idempotency_keys")]
public sealed class IdempotencyRow
{
    [Column("idem_key"), PrimaryKey, NotNull] public string Key { get; set; } = "";
    [Column("fingerprint"), NotNull] public string Fingerprint { get; set; } = "";
    [Column("status_code"), Nullable] public int? StatusCode { get; set; }
    [Column("content_type"), Nullable] public string? ContentType { get; set; }
    [Column("body"), Nullable] public string? Body { get; set; }
    [Column("created_at")] public long CreatedAt { get; set; }
}
