using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// One person's data key, wrapped under the node's person-keys key (<see cref="NodeKeys.PersonKeys"/>). An erased person
/// keeps the row without a key, so nothing sealed for them later can be opened either.
/// </summary>
[Table("person_keys")]
public sealed class PersonKeyRow
{
    [Column("person_id"), PrimaryKey, NotNull] public string PersonId { get; set; } = "";

    [Column("wrapped_key"), Nullable] public byte[]? WrappedKey { get; set; }

    [Column("erased_at"), Nullable] public DateTimeOffset? ErasedAt { get; set; }
}
