using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

[Table("rm_sites")]
public sealed class SiteRow
{
    [Column("site_id"), PrimaryKey, NotNull] public string SiteId { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("time_zone"), NotNull] public string TimeZone { get; set; } = "";
}
