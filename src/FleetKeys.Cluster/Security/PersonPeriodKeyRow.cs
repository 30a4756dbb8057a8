using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// One person's data key for one part of their custody history — a period at a site (<see cref="Domain.Retention.HistoryPart"/>) —
/// wrapped like their own key (<see cref="PersonKeyRow"/>). Retention destroys the keys of periods past their site's
/// retention, erasure all of a person's; a destroyed key keeps its row without the key, so none is made again for that
/// person, period and site.
/// </summary>
[Table("person_period_keys")]
public sealed class PersonPeriodKeyRow
{
    [Column("person_id"), PrimaryKey(0), NotNull] public string PersonId { get; set; } = "";

    [Column("period"), PrimaryKey(1)] public int Period { get; set; }

    /// <summary>The site the history's facts name; empty for facts that name none (recorded before they did).</summary>
    [Column("site_id"), PrimaryKey(2), NotNull] public string SiteId { get; set; } = "";

    [Column("wrapped_key"), Nullable] public byte[]? WrappedKey { get; set; }

    [Column("destroyed_at"), Nullable] public DateTimeOffset? DestroyedAt { get; set; }

    /// <summary>The retention look that counted this key for destruction (<see cref="PersonKeys.Count"/>); null until one did.</summary>
    [Column("counted_in"), Nullable] public string? CountedIn { get; set; }
}
