using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>How far into the journal (its ordering) a projection has got; written in the same transaction as its rows.</summary>
[Table("projection_offsets")]
public sealed class ProjectionOffsetRow
{
    [Column("name"), PrimaryKey, NotNull] public string Name { get; set; } = "";
    [Column("ordering")] public long Ordering { get; set; }
}
