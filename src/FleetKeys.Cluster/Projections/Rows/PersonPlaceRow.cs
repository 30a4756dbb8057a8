using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>
/// Where one of a person's entitlements lets them take keys: a cabinet, a site, or everywhere (both null), of one key group or of
/// every group (null). What ties a person to a scoped caller's sites and key groups; the schedule is not needed for that.
/// </summary>
[Table("rm_person_places")]
public sealed class PersonPlaceRow
{
    [Column("person_id"), NotNull] public string PersonId { get; set; } = "";
    [Column("site_id"), Nullable] public string? SiteId { get; set; }
    [Column("cabinet_id"), Nullable] public string? CabinetId { get; set; }
    [Column("key_group"), Nullable] public string? KeyGroup { get; set; }
}
