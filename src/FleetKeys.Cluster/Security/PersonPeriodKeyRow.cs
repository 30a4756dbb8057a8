using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// One person's data key for one period of custody history (<see cref="Domain.Retention.HistoryPeriod"/>), wrapped like
/// their own key (<see cref="PersonKeyRow"/>). Retention destroys the keys of periods past it, erasure all of a person's;
/// a destroyed key keeps its row without the key, so none is made again for that person and period.
/// </summary>
[Table("person_period_keys")]
public sealed class PersonPeriodKeyRow
{
    [Column("person_id"), PrimaryKey(0), NotNull] public string PersonId { get; set; } = "";

    [Column("period"), PrimaryKey(1)] public int Period { get; set; }

    [Column("wrapped_key"), Nullable] public byte[]? WrappedKey { get; set; }

    [Column("destroyed_at"), Nullable] public DateTimeOffset? DestroyedAt { get; set; }

    /// <summary>The retention look that counted this key for destruction (<see cref="PersonKeys.Count"/>); null until one did.</summary>
    [Column("counted_in"), Nullable] public string? CountedIn { get; set; }
}
