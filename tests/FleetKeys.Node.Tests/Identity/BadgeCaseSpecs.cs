using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Domain.Security;
using FleetKeys.Node.Tests.Scim;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>
/// A badge number is one badge in any case, through every way a badge comes in — the API, the access-control webhook,
/// SCIM and CSV import — and the webhook says so when it is told to revoke a badge the person does not hold.
/// </summary>
public sealed class BadgeCaseSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A hex card number, as a reader reports it but in lower case: "d7b14d0e…".</summary>
    private static string LowerHex() => "d7b1" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> Person(params string[] badges)
    {
        var id = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id, name = "Cardholder", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        foreach (var badge in badges) await (await _admin.Post($"/api/v1/people/{id}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        return id;
    }

    private async Task<string[]> Badges(string person) =>
        [.. (await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("badges")
            .EnumerateArray().Select(b => b.GetString()!)];

    private Task<HttpResponseMessage> Deliver(string json)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hooks/access-control") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(NodeApp.WebhookSecret, timestamp, body));
        return fixture.Node.Client(null).SendAsync(request);
    }

    [Fact]
    public async Task Through_the_api_a_badge_in_another_case_is_the_same_badge_shown_as_a_reader_reports_it()
    {
        var badge = LowerHex();
        var holder = await Person(badge);

        var again = await _admin.Post($"/api/v1/people/{holder}/badges", new { badge = badge.ToUpperInvariant() });
        var other = await _admin.Post($"/api/v1/people/{await Person()}/badges", new { badge = badge.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([badge.ToUpperInvariant()], await Badges(holder));
        Assert.Equal("BadgeAlreadyAssigned", (await other.Read<JsonElement>(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_webhook_revokes_a_badge_in_any_case_and_refuses_one_the_person_does_not_hold()
    {
        var badge = LowerHex();
        var holder = await Person(badge);
        var someoneElse = await Person(LowerHex());
        var notHeld = Unique("evt");
        var json = $$"""{"id":"{{notHeld}}","type":"badge.revoked","personId":"{{someoneElse}}","badge":"{{badge}}"}""";

        var refused = await Deliver(json);
        var refusedAgain = await Deliver(json);
        var revoked = await Deliver($$"""{"id":"{{Unique("evt")}}","type":"badge.revoked","personId":"{{holder}}","badge":"{{badge.ToUpperInvariant()}}"}""");

        var problem = await refused.Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal("BadgeNotHeld", problem.GetProperty("code").GetString());
        Assert.Contains(someoneElse, problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, refusedAgain.StatusCode);
        Assert.Equal("applied", (await revoked.Read<JsonElement>(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Empty(await Badges(holder));
        Assert.Single(await Badges(someoneElse));
    }

    [Fact]
    public async Task Scim_refuses_a_badge_that_belongs_to_someone_else_in_another_case()
    {
        var badge = LowerHex();
        await Person(badge.ToUpperInvariant());
        var scim = ScimClient.For(fixture.Node);

        var answer = await scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(Unique("ada") + "@example.com", employeeNumber: badge));

        answer.ExpectError(HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task A_csv_import_refuses_a_badge_that_belongs_to_someone_else_or_twice_in_the_file_in_another_case()
    {
        var (owned, shared) = (LowerHex(), LowerHex());
        var owner = await Person(owned.ToUpperInvariant());
        var csv = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {Unique("x")},Stolen,1,,,{owned},
            {Unique("x")},First,1,,,{shared},
            {Unique("x")},Second,1,,,{shared.ToUpperInvariant()},
            """;

        var report = await (await _admin.PostAsync("/api/v1/people/import?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .Read<JsonElement>(HttpStatusCode.OK);

        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Item1 == 2 && e.Item2.Contains(owner));
        Assert.Contains(errors, e => e.Item1 == 4 && e.Item2.Contains("line 3"));
    }
}
