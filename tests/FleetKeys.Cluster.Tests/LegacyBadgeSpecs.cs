using Akka.Actor;
using Akka.Persistence;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Badges recorded before badge numbers ignored case live in credential entities named by the number as it was typed
/// ("credential-ab12cd"); a node that starts on such a journal carries each over to the canonical entity, so the badge
/// still opens the cabinet for its holder — unless the number already belongs to someone else, who keeps it.
/// </summary>
public abstract class LegacyBadgeSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>Writes facts under a persistence id as the entity of an older version would have.</summary>
    private sealed class Recorder : ReceivePersistentActor
    {
        public Recorder(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object>(fact => Persist(fact, stored => Sender.Tell(stored)));
        }

        public override string PersistenceId { get; }
    }

    private static async Task Record(TestNode node, string persistenceId, params object[] facts)
    {
        var recorder = node.System.ActorOf(Props.Create(() => new Recorder(persistenceId)));
        foreach (var fact in facts) await recorder.Ask<object>(fact, TimeSpan.FromSeconds(10));
        await recorder.GracefulStop(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_badge_recorded_in_lower_case_still_belongs_to_its_holder_unless_the_number_is_someone_elses()
    {
        var (kept, lost, owner) = (new PersonId(Fleet.Unique("p")), new PersonId(Fleet.Unique("p")), new PersonId(Fleet.Unique("p")));
        var (keptBadge, takenBadge) = ("ab12cd" + Guid.NewGuid().ToString("N")[..6], "ef34ab" + Guid.NewGuid().ToString("N")[..6]);
        var at = _clock.GetUtcNow();
        await using (var before = await TestNode.StartAsync(_database.Settings, _clock))
        {
            foreach (var (person, badge) in new[] { (kept, keptBadge), (lost, takenBadge) })
            {
                await Record(before, $"person-{person}", new PersonRegistered(person, "Legacy", null, null, 1, at),
                    new BadgeAdded(person, new BadgeNumber(badge), at));
                await Record(before, $"credential-{badge}", new BadgeClaimed(new BadgeNumber(badge), person, at));
            }

            Fleet.Must(await before.Admin.RegisterPerson(owner, "Owner", null, null, 1));
            Fleet.Must(await before.Admin.AddBadge(owner, new BadgeNumber(takenBadge.ToUpperInvariant())));
        }

        await using var after = await TestNode.StartAsync(_database.Settings, _clock);

        await Eventually.Holds(async () =>
        {
            Assert.Equal(kept, await after.Admin.OwnerOf(new BadgeNumber(keptBadge)));
            Assert.DoesNotContain(new BadgeNumber(takenBadge), Fleet.Must(await after.Admin.GetPerson(lost)).Badges);
        }, TimeSpan.FromSeconds(20));
        Assert.Contains(new BadgeNumber(keptBadge), Fleet.Must(await after.Admin.GetPerson(kept)).Badges);
        Assert.Equal(owner, await after.Admin.OwnerOf(new BadgeNumber(takenBadge)));
        Assert.Contains(new BadgeNumber(takenBadge), Fleet.Must(await after.Admin.GetPerson(owner)).Badges);
    }
}

public sealed class SqliteLegacyBadgeSpecs : LegacyBadgeSpecs<SqliteTestDatabase>;

public sealed class PostgresLegacyBadgeSpecs : LegacyBadgeSpecs<PostgresTestDatabase>;
