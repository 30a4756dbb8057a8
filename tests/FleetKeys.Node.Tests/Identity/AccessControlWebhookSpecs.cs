using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Api.Webhooks;
using FleetKeys.Domain.Security;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>The access-control system's signed webhook: authentic, fresh, applied once per event id.</summary>
public sealed class AccessControlWebhookSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
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

    [Theory]
    [InlineData("""{"id":"e1","type":"cardholder.promoted","personId":"p1"}""", "type")]
    [InlineData("""{"type":"cardholder.deactivated","personId":"p1"}""", "id")]
    [InlineData("""{"id":"e1","type":"badge.issued","personId":"p1"}""", "badge")]
    [InlineData("""{"id":"e1","type":"badge.issued","personId":"p1","badge":"b 1"}""", "badge")]
    [InlineData("""{"id":"e1",""", "body")]
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
