using System.Net;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Sites;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// A read never writes, and never holds anything either: asking for what does not exist answers 404 without starting
/// (and keeping in memory) an entity for it, and a dry-run import holds nothing. Counted by the shard regions themselves.
/// On a node of its own, where no one else starts entities.
/// </summary>
public sealed class ReadsHoldNothingSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : IClassFixture<OwnNodeFixture<SqliteTestDatabase>>
{
    private const int Reads = 200;

    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>How many entities of one type run on the node now, as its shard region reports them.</summary>
    private async Task<int> Running<TRegion>()
    {
        var region = fixture.Node.Service<IActorRegistry>().Get<TRegion>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Sum(s => s.EntityIds.Count);
    }

    private async Task<bool> IsRunning<TRegion>(string id)
    {
        var region = fixture.Node.Service<IActorRegistry>().Get<TRegion>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Any(s => s.EntityIds.Contains(id));
    }

    private async Task ReadsOfUnknownAre404(Func<int, string> path)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Reads), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var response = await _admin.GetAsync(path(i));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        });
    }

    [Fact]
    public async Task Reading_unknown_people_starts_no_person_entity()
    {
        var before = await Running<PersonRegion>();

        await ReadsOfUnknownAre404(_ => $"/api/v1/people/{Unique("nobody")}");

        Assert.True(await Running<PersonRegion>() <= before, $"{await Running<PersonRegion>()} person entities run after the reads, {before} before");
    }

    [Fact]
    public async Task Reading_unknown_slots_starts_no_key_slot_entity()
    {
        var before = await Running<KeySlotRegion>();

        await ReadsOfUnknownAre404(i => $"/api/v1/cabinets/{Unique("cab")}/slots/{i % 24 + 1}");

        Assert.True(await Running<KeySlotRegion>() <= before, $"{await Running<KeySlotRegion>()} key slot entities run after the reads, {before} before");
    }

    [Fact]
    public async Task Reading_unknown_cabinets_and_sites_starts_no_entity()
    {
        var (cabinets, sites) = (await Running<CabinetRegion>(), await Running<SiteRegion>());

        await ReadsOfUnknownAre404(i => i % 2 == 0 ? $"/api/v1/cabinets/{Unique("cab")}" : $"/api/v1/sites/{Unique("site")}");

        Assert.True(await Running<CabinetRegion>() <= cabinets, "cabinet entities were started");
        Assert.True(await Running<SiteRegion>() <= sites, "site entities were started");
    }

    [Fact]
    public async Task An_entity_asked_about_an_id_nobody_registered_stops_once_it_has_answered()
    {
        var nobody = new PersonId(Unique("nobody"));
        var people = fixture.Node.Service<IActorRegistry>().Get<PersonRegion>();

        var answer = await people.Ask<PersonDetails>(new GetPerson(nobody), TimeSpan.FromSeconds(5));

        Assert.False(answer.Registered);
        await Eventually.Holds(async () => Assert.False(await IsRunning<PersonRegion>(nobody.Value)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_dry_run_import_holds_nothing_and_changes_nothing()
    {
        var prefix = Unique("dry");
        var csv = new StringBuilder("id,name,maxKeys,badges,keyGroups\n");
        for (var i = 0; i < 500; i++) csv.Append($"{prefix}-{i},Person {i},1,{prefix}-b{i},general\n");
        var (credentials, people) = (await Running<CredentialRegion>(), await Running<PersonRegion>());

        var report = await (await _admin.PostAsync("/api/v1/people/import?dryRun=true", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
            .Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(500, report.GetProperty("rows").GetInt32());
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        Assert.True(await Running<CredentialRegion>() <= credentials, $"{await Running<CredentialRegion>()} credential entities run, {credentials} before");
        Assert.True(await Running<PersonRegion>() <= people, "person entities were started");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/people/{prefix}-0")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_still_finds_a_badge_that_belongs_to_someone_else()
    {
        var owner = Unique("p");
        var badge = Unique("b");
        await (await _admin.Post("/api/v1/people", new { id = owner, name = "Owner", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post($"/api/v1/people/{owner}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        var csv = $"id,name,badges\n{Unique("p")},Other,{badge}\n";

        var report = await (await _admin.PostAsync("/api/v1/people/import?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .Read<JsonElement>(HttpStatusCode.OK);

        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal("badges", error.GetProperty("field").GetString());
        Assert.Contains(owner, error.GetProperty("message").GetString());
    }
}
