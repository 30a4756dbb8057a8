using System.Collections.Immutable;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>
/// One step of the access directory: the whole directory after it, where its people are entitled (kept step by step by
/// the node's feed), and only the people it touched. Drivers keep allow-lists for thousands of cabinets; looking at the
/// touched people alone keeps a change's cost independent of the directory's size.
/// </summary>
public sealed record AccessDirectoryChange(
    IReadOnlyDictionary<string, AccessProfile> Directory,
    AccessPlaces Places,
    IReadOnlyList<AccessProfile> Changed,
    IReadOnlyList<string> Removed)
{
    public static readonly IReadOnlyDictionary<string, AccessProfile> Empty = ImmutableDictionary<string, AccessProfile>.Empty;

    /// <summary>A profile counts as changed when it is new or its version moved: a person stamps every change of its own.</summary>
    public static (IReadOnlyList<AccessProfile> Changed, IReadOnlyList<string> Removed) Between(
        IReadOnlyDictionary<string, AccessProfile> before, IReadOnlyDictionary<string, AccessProfile> after)
    {
        var changed = after.Values
            .Where(profile => !before.TryGetValue(profile.Person.Value, out var old) || old.Version != profile.Version)
            .ToList();
        var removed = before.Keys.Where(person => !after.ContainsKey(person)).ToList();
        return (changed, removed);
    }
}
