using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FleetKeys.Api.Webhooks;
using FleetKeys.Domain.Security;
using FleetKeys.Node.Tests.Scim;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>Every change to a person records where it came from, and the audit log answers it for each surface.</summary>
public sealed class ChangeOriginSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly HttpClient _operator = fixture.Node.Client(NodeApp.OperatorKey);
    private readonly NodeApp _node = fixture.Node;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>The origin of each of the person's audited events, by event type (the last one of each type).</summary>
    private async Task<Dictionary<string, string?>> Origins(string person, params string[] types)
    {
        var origins = new Dictionary<string, string?>();
        await Eventually.Holds(async () =>
        {
            var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId=person-{Uri.EscapeDataString(person)}");
            origins = page.GetProperty("items").EnumerateArray().ToLookup(r => r.GetProperty("type").GetString()!)
                .ToDictionary(g => g.Key, g => g.Last().GetProperty("event").TryGetProperty("Origin", out var o) ? o.GetString() : null);
            Assert.All(types, t => Assert.Contains(t, origins.Keys));
        }, TimeSpan.FromSeconds(30));
        return origins;
    }

    [Fact]
    public async Task Changes_through_the_api_record_the_keys_name()
    {
        var id = Unique("api");
        await (await _admin.Post("/api/v1/people", new { id, name = "Keyed", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _operator.Post($"/api/v1/people/{id}/revoke", new { status = "suspended", reason = "lost badge" })).Read<JsonElement>(HttpStatusCode.OK);

        var origins = await Origins(id, "person.registered.v1", "person.revoked.v1");

        Assert.Equal("api-key:bootstrap-admin", origins["person.registered.v1"]);
        Assert.Equal("api-key:ops", origins["person.revoked.v1"]);
    }

    [Fact]
    public async Task Changes_through_scim_record_the_tokens_name()
    {
        var user = await ScimClient.For(_node).CreateUser(ProviderRequests.OktaUser(Unique("origin") + "@example.com", Unique("B")));

        var origins = await Origins(user, "person.registered.v1", "person.badge-added.v1");

        Assert.Equal("scim:idp", origins["person.registered.v1"]);
        Assert.Equal("scim:idp", origins["person.badge-added.v1"]);
    }

    [Fact]
    public async Task Changes_from_the_webhook_record_the_events_id()
    {
        var id = Unique("hook");
        var delivery = Unique("evt");
        await (await _admin.Post("/api/v1/people", new { id, name = "Cardholder", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        var body = Encoding.UTF8.GetBytes($$"""{"id":"{{delivery}}","type":"badge.issued","personId":"{{id}}","badge":"{{Unique("B")}}"}""");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hooks/access-control") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(NodeApp.WebhookSecret, timestamp, body));
        Assert.Equal(HttpStatusCode.OK, (await _node.Client(null).SendAsync(request)).StatusCode);

        Assert.Equal($"webhook:{delivery}", (await Origins(id, "person.badge-added.v1"))["person.badge-added.v1"]);
    }

    [Fact]
    public async Task Changes_from_an_import_record_the_files_hash()
    {
        var id = Unique("csv");
        var csv = $"id,name,badges\n{id},Imported,{Unique("B")}\n";
        var response = await _admin.PostAsync("/api/v1/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await response.Read<JsonElement>(HttpStatusCode.OK);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)));

        var origins = await Origins(id, "person.registered.v1", "person.badge-added.v1");

        Assert.Equal(sha256, report.GetProperty("sha256").GetString());
        Assert.Equal($"import:sha256:{sha256}", origins["person.registered.v1"]);
        Assert.Equal($"import:sha256:{sha256}", origins["person.badge-added.v1"]);
    }
}
