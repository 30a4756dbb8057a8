using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Api.Webhooks;
using FleetKeys.Domain.Security;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>The access-control system's signed webhook: authentic, fresh, applied once per event id.</summary>
public sealed partial class AccessControlWebhookSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly HttpClient _anonymous = fixture.Node.Client(null);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<string> Person(params string[] badges)
    {
        var id = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id, name = "Cardholder", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        foreach (var badge in badges) await (await _admin.Post($"/api/v1/people/{id}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        return id;
    }

    private Task<HttpResponseMessage> Deliver(string json, DateTimeOffset? at = null, string secret = NodeApp.WebhookSecret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hooks/access-control") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        return _anonymous.SendAsync(request);
    }

    private async Task<JsonElement> PersonView(string id) => await (await _admin.GetAsync($"/api/v1/people/{id}")).Read<JsonElement>(HttpStatusCode.OK);

    [Fact]
    public async Task A_deactivated_cardholder_is_suspended_once_however_often_the_event_arrives()
    {
        var person = await Person();
        var json = $$"""{"id":"{{Unique("evt")}}","type":"cardholder.deactivated","personId":"{{person}}","reason":"contract ended"}""";

        var first = await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.OK);
        var again = await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.OK);
        var view = await PersonView(person);

        Assert.Equal("applied", first.GetProperty("status").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal("suspended", view.GetProperty("status").GetString());
        Assert.Equal("contract ended", view.GetProperty("revocationReason").GetString());
    }

    [Fact]
    public async Task The_same_event_id_with_other_content_is_a_conflict()
    {
        var person = await Person();
        var id = Unique("evt");
        await (await Deliver($$"""{"id":"{{id}}","type":"badge.issued","personId":"{{person}}","badge":"{{Unique("b")}}"}""")).Read<JsonElement>(HttpStatusCode.OK);

        var other = await Deliver($$"""{"id":"{{id}}","type":"badge.issued","personId":"{{person}}","badge":"{{Unique("b")}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Single((await PersonView(person)).GetProperty("badges").EnumerateArray());
    }

    [Fact]
    public async Task Badges_are_issued_and_revoked_and_a_revoked_badge_can_be_issued_to_someone_else()
    {
        var badge = Unique("b");
        var first = await Person();
        var second = await Person();

        await (await Deliver($$"""{"id":"{{Unique("evt")}}","type":"badge.issued","personId":"{{first}}","badge":"{{badge}}"}""")).Read<JsonElement>(HttpStatusCode.OK);
        var taken = await Deliver($$"""{"id":"{{Unique("evt")}}","type":"badge.issued","personId":"{{second}}","badge":"{{badge}}"}""");
        await (await Deliver($$"""{"id":"{{Unique("evt")}}","type":"badge.revoked","personId":"{{first}}","badge":"{{badge}}"}""")).Read<JsonElement>(HttpStatusCode.OK);
        await (await Deliver($$"""{"id":"{{Unique("evt")}}","type":"badge.issued","personId":"{{second}}","badge":"{{badge}}"}""")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Empty((await PersonView(first)).GetProperty("badges").EnumerateArray());
        Assert.Equal([badge.ToUpperInvariant()], (await PersonView(second)).GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task Forged_stale_or_unsigned_events_are_refused_and_change_nothing()
    {
        var person = await Person();
        var json = $$"""{"id":"{{Unique("evt")}}","type":"cardholder.deactivated","personId":"{{person}}"}""";

        var forged = await Deliver(json, secret: "not-the-secret");
        var stale = await Deliver(json, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var unsigned = await _anonymous.PostAsync("/api/v1/hooks/access-control", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { forged.StatusCode, stale.StatusCode, unsigned.StatusCode });
        Assert.Equal("active", (await PersonView(person)).GetProperty("status").GetString());
    }

    private async Task<JsonElement> Sent(string json) => await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.OK);

    private static string[] BadgesOf(JsonElement person) => [.. person.GetProperty("badges").EnumerateArray().Select(b => b.GetString()!)];

    [Fact]
    public async Task A_cardholders_life_is_followed_from_creation_to_reactivation()
    {
        var id = Unique("ch");
        var (first, second, third) = (Unique("B").ToUpperInvariant(), Unique("B").ToUpperInvariant(), Unique("B").ToUpperInvariant());

        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","personId":"{{id}}","sequence":1,"name":"Dana Scully", "validFrom":"2026-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z","badges":["{{first}}","{{second}}"]}""");
        var created = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated","personId":"{{id}}","sequence":2,"name":"Dana Mulder", "validUntil":"2031-01-01T00:00:00Z","badges":["{{second}}","{{third}}"]}""");
        var updated = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated","personId":"{{id}}","sequence":3}""");
        var deactivated = await PersonView(id);
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.reactivated","personId":"{{id}}","sequence":4}""");

        Assert.Equal("Dana Scully", created.GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), created.GetProperty("validUntil").GetDateTimeOffset());
        Assert.Equal(new[] { first, second }.Order(), BadgesOf(created).Order());
        Assert.Equal("Dana Mulder", updated.GetProperty("name").GetString());
        Assert.Null(updated.GetProperty("validFrom").GetString());
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), updated.GetProperty("validUntil").GetDateTimeOffset());
        Assert.Equal(new[] { second, third }.Order(), BadgesOf(updated).Order());
        Assert.Equal("suspended", deactivated.GetProperty("status").GetString());
        Assert.Equal("active", (await PersonView(id)).GetProperty("status").GetString());
        // The validity is the pair the event carries (validFrom left out is open); the badge the update dropped is free again.
        await Person(first);
    }

    [Fact]
    public async Task An_event_older_than_the_cardholders_newest_changes_nothing_and_the_answer_says_which_was_kept()
    {
        var id = Unique("ch");
        var badge = Unique("B");
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","personId":"{{id}}","occurredAt":"2026-11-27T10:00:00Z","name":"Fox"}""");
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated","personId":"{{id}}","occurredAt":"2026-11-27T10:05:00Z","name":"Fox Newer"}""");

        var older = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.updated","personId":"{{id}}","occurredAt":"2026-11-27T10:02:00Z","name":"Fox Older"}""");
        var olderBadge = await Sent($$"""{"id":"{{Unique("e")}}","type":"badge.issued","personId":"{{id}}","occurredAt":"2026-11-27T10:01:00Z","badge":"{{badge}}"}""");
        var olderDeactivation = await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.deactivated","personId":"{{id}}","occurredAt":"2026-11-27T10:03:00Z"}""");

        Assert.Equal("outdated", older.GetProperty("status").GetString());
        Assert.Contains($"{new DateTimeOffset(2026, 11, 27, 10, 5, 0, TimeSpan.Zero).UtcTicks} is kept", older.GetProperty("detail").GetString());
        Assert.Equal(["outdated", "outdated"], new[] { olderBadge, olderDeactivation }.Select(a => a.GetProperty("status").GetString()));
        var person = await PersonView(id);
        Assert.Equal(("Fox Newer", "active"), (person.GetProperty("name").GetString(), person.GetProperty("status").GetString()));
        Assert.Empty(BadgesOf(person));
        // The outdated issue left no claim on the badge: someone else can have it.
        await Person(badge);
    }

    [Fact]
    public async Task A_replayed_cardholder_event_is_applied_once_under_its_id_or_another()
    {
        var id = Unique("ch");
        var badge = Unique("B").ToUpperInvariant();
        await Sent($$"""{"id":"{{Unique("e")}}","type":"cardholder.created","personId":"{{id}}","sequence":7,"name":"Walter"}""");
        var update = $$"""{"id":"{{Unique("e")}}","type":"cardholder.updated","personId":"{{id}}","sequence":8,"name":"Walter S.","badges":["{{badge}}"]}""";

        var answers = new[] { await Sent(update), await Sent(update) };
        var resent = await Sent(update.Replace("\"id\":\"e-", "\"id\":\"again-"));

        Assert.Equal(["applied", "duplicate"], answers.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal("applied", resent.GetProperty("status").GetString());
        var person = await PersonView(id);
        Assert.Equal("Walter S.", person.GetProperty("name").GetString());
        Assert.Equal([badge], BadgesOf(person));
        await Eventually.Holds(async () =>
        {
            var audit = await _admin.GetStringAsync($"/api/v1/audit?persistenceId=person-{id}");
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(audit, "\"person.renamed.v1\""));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(audit, "\"person.badge-added.v1\""));
        }, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("""{"id":"e1","type":"cardholder.promoted","personId":"p1"}""", "type")]
    [InlineData("""{"type":"cardholder.deactivated","personId":"p1"}""", "id")]
    [InlineData("""{"id":"e1","type":"badge.issued","personId":"p1"}""", "badge")]
    [InlineData("""{"id":"e1","type":"badge.issued","personId":"p1","badge":"b 1"}""", "badge")]
    [InlineData("""{"id":"e1",""", "body")]
    [InlineData("""{"id":"e1","type":"cardholder.updated","personId":"p1","name":"X"}""", "sequence")]
    [InlineData("""{"id":"e1","type":"cardholder.created","personId":"p1","sequence":1}""", "name")]
    [InlineData("""{"id":"e1","type":"cardholder.updated","personId":"p1","sequence":-1}""", "sequence")]
    [InlineData("""{"id":"e1","type":"cardholder.updated","personId":"p1","sequence":1,"validFrom":"2027-01-02T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}""", "validUntil")]
    [InlineData("""{"id":"e1","type":"cardholder.updated","personId":"p1","sequence":1,"badges":["ok","not ok"]}""", "badges")]
    public async Task A_signed_but_invalid_event_is_a_problem_naming_the_field(string json, string field)
    {
        var problem = await (await Deliver(json)).Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_event_for_an_unknown_person_is_a_404()
    {
        var response = await Deliver($$"""{"id":"{{Unique("evt")}}","type":"cardholder.deactivated","personId":"nobody-here"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
