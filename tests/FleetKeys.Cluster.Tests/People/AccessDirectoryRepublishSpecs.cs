using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.DistributedData;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests.People;

/// <summary>
/// A person recovers far more often than its access changes: a recovery publishes to the replicated directory only what
/// the node's replica does not hold already (docs/benchmarks.md, finding 18).
/// </summary>
public sealed class AccessDirectoryRepublishSpecs : NodeSpecs<SqliteTestDatabase>
{
    [Fact]
    public async Task A_person_recovered_with_the_access_the_directory_holds_leaves_its_entry_as_it_was()
    {
        var person = await PersonWhoTookAKey();
        var published = await Held(person);

        await Recover(person);

        Assert.Equal(published.Version, (await Held(person)).Version);
    }

    [Fact]
    public async Task A_person_recovered_with_access_the_directory_does_not_hold_publishes_it_again()
    {
        var (person, _) = await Fleet.Person();
        var published = await Held(person);
        await Forget(person);

        await Recover(person);

        Assert.True(published.SameAccessAs(await Held(person)));
    }

    [Fact]
    public async Task Asked_to_publish_a_person_publishes_only_what_the_directory_does_not_hold()
    {
        var person = await PersonWhoTookAKey();
        var published = await Held(person);

        await Node.Ask<AccessPublished>(Node.Region<PersonRegion>(), new PublishAccess(person));
        Assert.Equal(published.Version, (await Held(person)).Version);

        await Forget(person);
        await Node.Ask<AccessPublished>(Node.Region<PersonRegion>(), new PublishAccess(person));
        Assert.True(published.SameAccessAs(await Held(person)));
    }

    [Fact]
    public async Task After_the_whole_cluster_was_down_every_person_in_the_journal_is_in_the_directory_again_without_being_asked_for()
    {
        var (first, _) = await Fleet.Person();
        var (second, _) = await Fleet.Person();
        var published = await Held(second);

        await RestartNode();

        await Eventually.Holds(async () =>
        {
            Assert.NotNull(await AccessDirectory.Held(Node.System, first, Timeout));
            Assert.True(published.SameAccessAs(await Held(second)));
        });
    }

    /// <summary>A take moves the person's journal on, and so the version it would publish, without changing its access.</summary>
    private async Task<PersonId> PersonWhoTookAKey()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, access.Session, 1, Now));
        return person;
    }

    /// <summary>As after the whole cluster was down: the replica loses the entry, the journal keeps the person.</summary>
    private async Task Forget(PersonId person)
    {
        await DistributedData.Get(Node.System).Replicator.Ask<IUpdateResponse>(Dsl.Update(AccessDirectory.KeyOf(person),
            LWWDictionary<string, AccessProfile>.Empty, WriteLocal.Instance,
            directory => directory.Remove(Akka.Cluster.Cluster.Get(Node.System), person.Value)), Timeout);
        Assert.Null(await AccessDirectory.Held(Node.System, person, Timeout));
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private async Task<AccessProfile> Held(PersonId person) =>
        await AccessDirectory.Held(Node.System, person, Timeout) ?? throw new Xunit.Sdk.XunitException($"{person} is not in the directory");

    /// <summary>
    /// Passivates the person's entity (not the node: the replica stays), as its shard would after idleness, and wakes it
    /// again: the shard holds what arrives meanwhile for the entity's next incarnation.
    /// </summary>
    private async Task Recover(PersonId person)
    {
        var entity = await Node.System.ActorSelection($"/system/sharding/person/*/{person.Value}").ResolveOne(Timeout);
        var shard = await Node.System.ActorSelection(entity.Path.Parent).ResolveOne(Timeout);
        shard.Tell(new Passivate(PoisonPill.Instance), entity);
        await Node.Ask<PersonDetails>(Node.Region<PersonRegion>(), new GetPerson(person));
    }
}
