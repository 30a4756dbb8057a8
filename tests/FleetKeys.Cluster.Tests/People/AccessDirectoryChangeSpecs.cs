using System.Collections.Immutable;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests.People;

public sealed class AccessDirectoryChangeSpecs
{
    private static AccessProfile Profile(string person, long version) =>
        new(new PersonId(person), version, Active: true, [], PinHash: null, ValidFrom: null, ValidUntil: null, []);

    private static IReadOnlyDictionary<string, AccessProfile> Directory(params AccessProfile[] profiles) =>
        profiles.ToImmutableDictionary(p => p.Person.Value);

    [Fact]
    public void A_step_names_new_people_moved_versions_and_removed_people_and_nobody_else()
    {
        var before = Directory(Profile("ann", 3), Profile("bob", 5), Profile("cy", 1));
        var after = Directory(Profile("ann", 3), Profile("bob", 6), Profile("dee", 1));

        var (changed, removed) = AccessDirectoryChange.Between(before, after);

        Assert.Equal(["bob", "dee"], changed.Select(p => p.Person.Value).Order());
        Assert.Equal(["cy"], removed);
    }

    [Fact]
    public void The_first_step_from_the_empty_directory_names_everyone()
    {
        var (changed, removed) = AccessDirectoryChange.Between(AccessDirectoryChange.Empty, Directory(Profile("ann", 1), Profile("bob", 2)));

        Assert.Equal(2, changed.Count);
        Assert.Empty(removed);
    }

    [Fact]
    public void A_republished_profile_of_the_same_version_is_no_change()
    {
        var (changed, removed) = AccessDirectoryChange.Between(Directory(Profile("ann", 4)), Directory(Profile("ann", 4)));

        Assert.Empty(changed);
        Assert.Empty(removed);
    }
}
