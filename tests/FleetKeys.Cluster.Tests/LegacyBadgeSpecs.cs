using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Badges recorded before badges' journals were named by a keyed digest live in credential entities named by the number
/// (as it was typed, "credential-ab12cd", before numbers ignored case); a node that starts on such a journal carries each
/// over to the badge's digest entity, so the badge still opens the cabinet for its holder — unless the number already
/// belongs to someone else, who keeps it. A badge claimed now names no journal by its number.
/// </summary>
public abstract class LegacyBadgeSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_badge_claimed_now_is_journaled_under_a_keyed_digest_and_one_under_its_number_is_carried_over()
    {
        var (person, old) = (new PersonId(Fleet.Unique("p")), new PersonId(Fleet.Unique("p")));
        var (badge, oldBadge) = (new BadgeNumber("C0FFEE" + Guid.NewGuid().ToString("N")[..8]), new BadgeNumber("BEEF" + Guid.NewGuid().ToString("N")[..8]));
        var at = _clock.GetUtcNow();
        await using (var before = await TestNode.StartAsync(_database.Settings, _clock))
        {
            await OlderJournals.Record(before, $"person-{old}", new PersonRegistered(old, "Legacy", null, null, 1, at), new BadgeAdded(old, oldBadge, at));
            await OlderJournals.Record(before, $"credential-{oldBadge}", new BadgeClaimed(oldBadge, old, at));
        }

        await using var after = await TestNode.StartAsync(_database.Settings, _clock);
        Fleet.Must(await after.Admin.RegisterPerson(person, "Now", null, null, 1));
        Fleet.Must(await after.Admin.AddBadge(person, badge));

        await Eventually.Holds(async () => Assert.Equal(old, await after.Admin.OwnerOf(oldBadge)), TimeSpan.FromSeconds(20));
        var credentials = await after.History.EntityIds("credential");
        var digest = new BadgeDigest(TestNode.MasterSecret);
        Assert.Equal(person, await after.Admin.OwnerOf(badge));
        Assert.Contains(digest.Of(badge), credentials);
        Assert.Contains(digest.Of(oldBadge), credentials);
        Assert.DoesNotContain(credentials, id => id.Contains(badge.Value, StringComparison.OrdinalIgnoreCase));
        Assert.Matches("^#[0-9a-f]{32}$", digest.Of(badge));
        Assert.Equal(digest.Of(badge), digest.Of(new BadgeNumber(badge.Value.ToLowerInvariant())));
        Assert.NotEqual(digest.Of(badge), new BadgeDigest(new byte[32]).Of(badge));
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
                await OlderJournals.Record(before, $"person-{person}", new PersonRegistered(person, "Legacy", null, null, 1, at),
                    new BadgeAdded(person, new BadgeNumber(badge), at));
                await OlderJournals.Record(before, $"credential-{badge}", new BadgeClaimed(new BadgeNumber(badge), person, at));
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
