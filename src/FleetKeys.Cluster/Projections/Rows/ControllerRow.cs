using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

[Table("rm_controllers")]
public sealed class ControllerRow
{
    [Column("controller_id"), PrimaryKey, NotNull] public string ControllerId { get; set; } = "";
    [Column("host"), NotNull] public string Host { get; set; } = "";
    [Column("port")] public int Port { get; set; }
    [Column("offline_policy"), NotNull] public string OfflinePolicy { get; set; } = "";
}
