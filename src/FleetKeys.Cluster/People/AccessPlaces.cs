using System.Collections.Immutable;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>
/// Who of the access directory could have an allow-list entry where: the people with an entitlement naming a cabinet, a
/// site, or no place at all. A driver that works a cabinet's list out again (after a handshake, a layout change) looks at
/// those entitled there, at its site and everywhere, not at the whole directory: at 20,000 people in 20 sites that was
/// 20 times the work per cabinet, and a fleet of 2,000 cabinets reconnecting spent the node's cores on it
/// (docs/benchmarks.md, finding 17). Kept step by step by the node's directory feed, immutable, shared by its drivers.
/// </summary>
public sealed class AccessPlaces
{
    public static readonly AccessPlaces None = new(ImmutableDictionary<Place, ImmutableHashSet<string>>.Empty);

    private readonly ImmutableDictionary<Place, ImmutableHashSet<string>> _people;

    private AccessPlaces(ImmutableDictionary<Place, ImmutableHashSet<string>> people) => _people = people;

    public static AccessPlaces Of(IEnumerable<AccessProfile> directory) =>
        directory.Aggregate(None, (places, profile) => places.Moved(null, profile));

    /// <summary>The index after a person's profile went from <paramref name="before"/> to <paramref name="after"/> (null: none).</summary>
    public AccessPlaces Moved(AccessProfile? before, AccessProfile? after)
    {
        if ((after ?? before)?.Person.Value is not { } person) return this;
        var old = PlacesOf(before);
        var @new = PlacesOf(after);
        var people = _people;
        foreach (var place in old.Except(@new))
        {
            var left = people[place].Remove(person);
            people = left.IsEmpty ? people.Remove(place) : people.SetItem(place, left);
        }

        foreach (var place in @new.Except(old))
            people = people.SetItem(place, people.GetValueOrDefault(place, ImmutableHashSet<string>.Empty).Add(person));
        return ReferenceEquals(people, _people) ? this : new AccessPlaces(people);
    }

    /// <summary>The people who may have entries at <paramref name="cabinet"/> of <paramref name="site"/>: entitled there, at the site or anywhere.</summary>
    public IReadOnlySet<string> At(CabinetId cabinet, SiteId site)
    {
        var people = new HashSet<string>(Of(Place.Anywhere));
        people.UnionWith(Of(new Place(site, null)));
        people.UnionWith(Of(new Place(null, cabinet)));
        return people;
    }

    private ImmutableHashSet<string> Of(Place place) => _people.GetValueOrDefault(place, ImmutableHashSet<string>.Empty);

    // The narrowest place an entitlement names: a cabinet (whatever site it names too), else a site, else anywhere.
    private static HashSet<Place> PlacesOf(AccessProfile? profile) =>
        profile is null ? [] : [.. profile.Entitlements.Select(e => e.Cabinet is { } cabinet ? new Place(null, cabinet) : new Place(e.Site, null))];

    private readonly record struct Place(SiteId? Site, CabinetId? Cabinet)
    {
        public static readonly Place Anywhere = new(null, null);
    }
}
