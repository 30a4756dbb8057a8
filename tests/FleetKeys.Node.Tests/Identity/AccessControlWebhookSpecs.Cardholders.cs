using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>
/// The person named by the access-control system's own cardholder id: linked once, unique per source, kept for good; the
/// directory's journal is named by a keyed digest (the person's facts hold the id sealed: PersonalSealingSpecs).
/// </summary>
public sealed partial class AccessControlWebhookSpecs
{
    private string NewCardholder() => Unique("ch");

    private static string[] ExternalIdsOf(JsonElement person) =>
        [.. person.GetProperty("externalIds").EnumerateArray().Select(x => $"{x.GetProperty("source").GetString()}:{x.GetProperty("cardholderId").GetString()}")];

    /// <summary>Whether the directory holds the cardholder: its journal is named by the keyed digest, never the cardholder id.</summary>
    private async Task<bool> Claimed(string source, string cardholder) =>
        await fixture.Node.Service<JournalHistory>().Exists(PersistenceIds.ExternalId(new ExternalId(source, cardholder), fixture.Node.Service<NodeKeys>().Badges));

    [Fact]
    public async Task A_cardholder_created_by_its_cardholder_id_alone_registers_a_person_that_shows_the_link()
    {
        var cardholder = NewCardholder();

        var answer = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Ada"}""");

        Assert.Equal("applied", answer.GetProperty("status").GetString());
        var person = await PersonView(answer.GetProperty("personId").GetString()!);
        Assert.Equal("Ada", person.GetProperty("name").GetString());
        Assert.Equal([$"acs-main:{cardholder}"], ExternalIdsOf(person));
        Assert.True(await Claimed("acs-main", cardholder));
        Assert.DoesNotContain(await fixture.Node.Service<JournalHistory>().EntityIds("externalid"), id => id.Contains(cardholder, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cardholder_created_naming_a_known_person_links_that_person_and_the_audit_says_which_event_did()
    {
        var person = await Person();
        var cardholder = NewCardholder();
        var eventId = Unique("e");

        var answer = await Sent($$"""{"id":"{{eventId}}","type":"cardholder.created","personId":"{{person}}","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Linked"}""");

        Assert.Equal(person, answer.GetProperty("personId").GetString());
        Assert.Equal([$"acs-main:{cardholder}"], ExternalIdsOf(await PersonView(person)));
        await Eventually.Holds(async () =>
        {
            var audit = await _admin.GetStringAsync($"/api/v1/audit?persistenceId=person-{person}");
            Assert.Contains($"\"Origin\":\"webhook:{eventId}\"", audit[audit.IndexOf("\"person.external-id-linked.v1\"", StringComparison.Ordinal)..]);
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Later_events_naming_only_the_cardholder_id_reach_the_linked_person_and_the_link_outlives_a_deactivation()
    {
        var cardholder = NewCardholder();
        var badge = Unique("B").ToUpperInvariant();
        var by = $"\"source\":\"acs-main\",\"cardholderId\":\"{cardholder}\"";
        var id = (await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created",{{by}},"sequence":1,"name":"Bo"}""")).GetProperty("personId").GetString()!;

        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated",{{by}},"sequence":2,"name":"Bo Renamed"}""");
        await Sent($$"""{"id":"{{Unique("e")}}","type":"badge.issued",{{by}},"sequence":3,"badge":"{{badge}}"}""");
        var issued = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"badge.revoked",{{by}},"sequence":4,"badge":"{{badge}}"}""");
        var revoked = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated",{{by}},"sequence":5}""");
        var deactivated = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.reactivated",{{by}},"sequence":6}""");

        Assert.Equal("Bo Renamed", issued.GetProperty("name").GetString());
        Assert.Equal([badge], BadgesOf(issued));
        Assert.Empty(BadgesOf(revoked));
        Assert.Equal("suspended", deactivated.GetProperty("status").GetString());
        Assert.Equal([$"acs-main:{cardholder}"], ExternalIdsOf(deactivated));
        Assert.Equal("active", (await PersonView(id)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("cardholder.updated", "\"sequence\":1,\"name\":\"X\"")]
    [InlineData("cardholder.deactivated", "\"reason\":\"x\"")]
    [InlineData("cardholder.reactivated", "\"sequence\":1")]
    [InlineData("badge.issued", "\"badge\":\"B1\"")]
    [InlineData("badge.revoked", "\"badge\":\"B1\"")]
    public async Task An_unknown_cardholder_id_is_a_404_naming_it_that_claims_and_records_nothing(string type, string rest)
    {
        var cardholder = NewCardholder();
        var eventId = Unique("e");
        var json = $$"""{"id":"{{eventId}}","type":"{{type}}","source":"acs-main","cardholderId":"{{cardholder}}",{{rest}}}""";

        var problem = await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.NotFound);

        Assert.Contains(cardholder, problem.GetProperty("detail").GetString());
        Assert.False(await Claimed("acs-main", cardholder));
        // The event was not recorded as handled: once the cardholder exists, the same event is decided afresh.
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{cardholder}}","sequence":0,"name":"Late"}""");
        Assert.DoesNotContain("\"duplicate\"", await (await Deliver(json)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_event_naming_a_person_and_a_cardholder_linked_to_someone_else_is_a_conflict_that_changes_nothing()
    {
        var cardholder = NewCardholder();
        var holder = (await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Holder"}""")).GetProperty("personId").GetString()!;
        var other = await Person();

        var created = await Deliver($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","personId":"{{other}}","source":"acs-main","cardholderId":"{{cardholder}}","sequence":2,"name":"Usurper"}""");
        var updated = await Deliver($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated","personId":"{{other}}","source":"acs-main","cardholderId":"{{cardholder}}","sequence":2,"name":"Usurper"}""");

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict], new[] { created.StatusCode, updated.StatusCode });
        var (holderView, otherView) = (await PersonView(holder), await PersonView(other));
        Assert.Equal(("Holder", "Cardholder"), (holderView.GetProperty("name").GetString(), otherView.GetProperty("name").GetString()));
        Assert.Empty(ExternalIdsOf(otherView));
    }

    [Fact]
    public async Task Of_concurrent_creations_linking_one_cardholder_to_different_people_exactly_one_wins_and_the_others_change_nothing()
    {
        var cardholder = NewCardholder();
        var people = Enumerable.Range(0, 4).Select(_ => Unique("p")).ToArray();

        var answers = await Task.WhenAll(people.Select(p => Deliver(
            $$"""{"id":"{{Unique("e")}}","type":"cardholder.created","personId":"{{p}}","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Racer"}""")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var winner = people[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK)];
        Assert.Equal([$"acs-main:{cardholder}"], ExternalIdsOf(await PersonView(winner)));
        foreach (var loser in people.Where(p => p != winner))
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/people/{loser}")).StatusCode);
    }

    [Fact]
    public async Task The_same_cardholder_id_under_two_sources_is_two_people()
    {
        var cardholder = NewCardholder();

        var main = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Main"}""");
        var annex = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-annex","cardholderId":"{{cardholder}}","sequence":1,"name":"Annex"}""");
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated","source":"acs-annex","cardholderId":"{{cardholder}}"}""");

        var (mainView, annexView) = (await PersonView(main.GetProperty("personId").GetString()!), await PersonView(annex.GetProperty("personId").GetString()!));
        Assert.NotEqual(mainView.GetProperty("id").GetString(), annexView.GetProperty("id").GetString());
        Assert.Equal(["active", "suspended"], new[] { mainView, annexView }.Select(v => v.GetProperty("status").GetString()));
        Assert.Equal([$"acs-main:{cardholder}"], ExternalIdsOf(mainView));
        Assert.Equal([$"acs-annex:{cardholder}"], ExternalIdsOf(annexView));
    }

    [Fact]
    public async Task Out_of_order_and_replayed_events_by_cardholder_id_are_outdated_or_duplicate_and_change_nothing()
    {
        var cardholder = NewCardholder();
        var by = $"\"source\":\"acs-main\",\"cardholderId\":\"{cardholder}\"";
        var id = (await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created",{{by}},"sequence":1,"name":"Cy"}""")).GetProperty("personId").GetString()!;
        var newest = $$"""{"id":"{{Unique("e")}}","type":"cardholder.updated",{{by}},"sequence":5,"name":"Cy Newest"}""";
        await Sent(newest);

        var older = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated",{{by}},"sequence":3,"name":"Cy Older"}""");
        var olderDeactivation = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated",{{by}},"sequence":4}""");
        var replayed = await Sent(newest);

        Assert.Equal(["outdated", "outdated", "duplicate"], new[] { older, olderDeactivation, replayed }.Select(a => a.GetProperty("status").GetString()));
        Assert.Contains("5 is kept", older.GetProperty("detail").GetString());
        var person = await PersonView(id);
        Assert.Equal(("Cy Newest", "active"), (person.GetProperty("name").GetString(), person.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Forged_or_unsigned_events_naming_a_cardholder_id_change_nothing()
    {
        var cardholder = NewCardholder();
        var linked = NewCardholder();
        var id = (await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{linked}}","sequence":1,"name":"Dee"}""")).GetProperty("personId").GetString()!;
        var create = $$"""{"id":"{{Unique("e")}}","type":"cardholder.created","source":"acs-main","cardholderId":"{{cardholder}}","sequence":1,"name":"Forged"}""";
        var deactivate = $$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated","source":"acs-main","cardholderId":"{{linked}}"}""";

        var answers = new[]
        {
            await Deliver(create, secret: "not-the-secret"),
            await _anonymous.PostAsync("/api/v1/hooks/access-control", new StringContent(create, Encoding.UTF8, "application/json")),
            await Deliver(deactivate, secret: "not-the-secret"),
            await _anonymous.PostAsync("/api/v1/hooks/access-control", new StringContent(deactivate, Encoding.UTF8, "application/json")),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.False(await Claimed("acs-main", cardholder));
        Assert.Equal("active", (await PersonView(id)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"id":"e1","type":"cardholder.deactivated","cardholderId":"c1"}""", "source")]
    [InlineData("""{"id":"e1","type":"cardholder.deactivated","source":"acs:main","cardholderId":"c1"}""", "source")]
    [InlineData("""{"id":"e1","type":"cardholder.deactivated","source":"acs-main"}""", "cardholderId")]
    [InlineData("""{"id":"e1","type":"cardholder.deactivated","source":"acs-main","cardholderId":"c 1"}""", "cardholderId")]
    [InlineData("""{"id":"e1","type":"cardholder.deactivated"}""", "personId")]
    public async Task A_cardholder_id_without_its_source_or_malformed_is_a_problem_naming_the_field(string json, string field)
    {
        var problem = await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
