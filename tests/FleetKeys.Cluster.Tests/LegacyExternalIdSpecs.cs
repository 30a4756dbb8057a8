using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// External ids linked before their directory's journals were named by a keyed digest live in entities named by the
/// cardholder id ("externalid-{source}:{cardholder}"); a node that starts on such a journal carries each link over to
/// the digest's entity, so the cardholder still finds their person — unless another person has claimed it since. An
/// external id linked now names no journal by its cardholder id.
/// </summary>
public abstract class LegacyExternalIdSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_external_id_linked_now_is_journaled_under_a_keyed_digest_and_one_under_its_cardholder_id_is_carried_over()
    {
        var (person, old, lost, other) = (new PersonId(Fleet.Unique("p")), new PersonId(Fleet.Unique("p")), new PersonId(Fleet.Unique("p")),
            new PersonId(Fleet.Unique("p")));
        var (now, kept, taken) = (Cardholder(), Cardholder(), Cardholder());
        var at = _clock.GetUtcNow();
        await using (var before = await TestNode.StartAsync(_database.Settings, _clock))
        {
            foreach (var (holder, external) in new[] { (old, kept), (lost, taken) })
            {
                await OlderJournals.Record(before, $"person-{holder}", new PersonRegistered(holder, "Legacy", null, null, 1, at),
                    new ExternalIdLinked(holder, external, at));
                await OlderJournals.Record(before, $"externalid-{external}", new ExternalIdClaimed(external, holder, at));
            }

            Fleet.Must(await before.Admin.RegisterPerson(other, "Other", null, null, 1));
            Fleet.Must(await before.Admin.LinkExternalId(other, taken));
        }

        await using var after = await TestNode.StartAsync(_database.Settings, _clock);
        Fleet.Must(await after.Admin.RegisterPerson(person, "Now", null, null, 1));
        Fleet.Must(await after.Admin.LinkExternalId(person, now));

        await Eventually.Holds(async () => Assert.Equal(old, await after.Admin.LinkedTo(kept)), TimeSpan.FromSeconds(20));
        var journals = await after.History.EntityIds("externalid");
        var digest = new BadgeDigest(TestNode.MasterSecret);
        Assert.Equal(person, await after.Admin.LinkedTo(now));
        Assert.Equal(other, await after.Admin.LinkedTo(taken));
        Assert.Contains(digest.Of(now), journals);
        Assert.Contains(digest.Of(kept), journals);
        Assert.DoesNotContain(journals, id => id.Contains(now.Cardholder, StringComparison.Ordinal));
        Assert.Matches("^#[0-9a-f]{32}$", digest.Of(now));
        Assert.NotEqual(digest.Of(now), digest.Of(new ExternalId("other-system", now.Cardholder)));
    }

    private static ExternalId Cardholder() => new("acs", "ch-" + Guid.NewGuid().ToString("N")[..10]);
}

public sealed class SqliteLegacyExternalIdSpecs : LegacyExternalIdSpecs<SqliteTestDatabase>;

public sealed class PostgresLegacyExternalIdSpecs : LegacyExternalIdSpecs<PostgresTestDatabase>;
