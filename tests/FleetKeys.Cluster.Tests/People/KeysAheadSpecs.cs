using Akka.DependencyInjection;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Cluster.Tests.People;

/// <summary>
/// Entities make the person keys their facts are sealed under before they persist them, so the journal's one thread
/// that serializes every entity's events never waits for the key store (docs/benchmarks.md, finding 16).
/// </summary>
public abstract class KeysAheadSpecs<TDatabase> : NodeSpecs<TDatabase> where TDatabase : TestDatabase, new()
{
    protected override void AddServices(IServiceCollection services) => services.AddPersonKeys(Database.Settings);

    private PersonKeys Keys => DependencyResolver.For(Node.System).Resolver.GetService<PersonKeys>();

    [Fact]
    public async Task A_persons_first_facts_and_their_first_take_at_a_site_find_their_keys_made_before_the_journal_seals_them()
    {
        var cabinet = await Fleet.Cabinet();

        var (person, badge) = await Fleet.Person();
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, access.Session, 1, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));

        Assert.NotNull(Keys.Find(person));
        Assert.Equal(0, Keys.LoadedInline);
    }
}

public sealed class SqliteKeysAheadSpecs : KeysAheadSpecs<SqliteTestDatabase>;

public sealed class PostgresKeysAheadSpecs : KeysAheadSpecs<PostgresTestDatabase>;
