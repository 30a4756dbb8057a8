using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Management.Logs;
using FleetKeys.Domain.Security;
using FleetKeys.Node.Tests.Scim;
using FleetKeys.Testing;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// Every route reads at most its own deliberate body size; a body over it — over the server's 30 MB ceiling too — is a
/// 413 problem (SCIM: its error body) and one warning in the log, never a 500 with a stack trace.
/// On a node of its own: it counts every warning and error the node logs.
/// </summary>
public sealed class BodyLimitSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : IClassFixture<OwnNodeFixture<SqliteTestDatabase>>
{
    private const int ThirtyOneMegabytes = 31_000_000;

    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Sends <paramref name="size"/> bytes of JSON-ish padding, announcing its length and waiting for "100 Continue" as careful clients do.</summary>
    private static HttpRequestMessage Oversized(HttpMethod method, string path, int size, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(new byte[size]) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>A body without a length (chunked), so the server only learns its size by reading it.</summary>
    private static HttpRequestMessage Streamed(HttpMethod method, string path, int size, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StreamContent(new MemoryStream(new byte[size])) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private static async Task<JsonElement> Expect413Problem(HttpResponseMessage response)
    {
        var problem = await response.Read<JsonElement>(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private IReadOnlyList<LogLine> Logged(LogLevel level) => fixture.Node.Service<RecentLogLines>().Recent(level, 2000);

    [Fact]
    public async Task A_json_command_over_its_limit_is_a_413_problem_logged_once_as_a_warning()
    {
        var name = Unique("oversized");
        var json = JsonSerializer.Serialize(new { id = Unique("s"), name = name + new string('x', 100_000), timeZone = "UTC" });
        var warningsBefore = Logged(LogLevel.Warning).Count(l => l.Message.Contains("413"));
        var errorsBefore = Logged(LogLevel.Error).Count;

        var response = await _admin.PostAsync("/api/v1/sites", new StringContent(json, Encoding.UTF8, "application/json"));

        await Expect413Problem(response);
        await Eventually.Holds(() => Assert.Equal(warningsBefore + 1, Logged(LogLevel.Warning).Count(l => l.Message.Contains("413"))));
        Assert.Equal(errorsBefore, Logged(LogLevel.Error).Count);
    }

    [Fact]
    public async Task A_body_over_the_servers_30_MB_ceiling_is_a_413_problem_not_a_500()
    {
        var response = await _admin.SendAsync(Oversized(HttpMethod.Post, "/api/v1/people", ThirtyOneMegabytes));

        await Expect413Problem(response);
    }

    [Fact]
    public async Task The_anonymous_webhook_refuses_a_body_over_30_MB_with_a_413_problem()
    {
        var request = Oversized(HttpMethod.Post, "/api/v1/hooks/access-control", ThirtyOneMegabytes);
        request.Headers.Add(WebhookSignature.TimestampHeader, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, "v1=00");

        var response = await fixture.Node.Client(null).SendAsync(request);

        await Expect413Problem(response);
    }

    [Fact]
    public async Task A_csv_import_over_its_10_MiB_cap_is_a_413_problem_even_without_a_length()
    {
        var response = await _admin.SendAsync(Streamed(HttpMethod.Post, "/api/v1/people/import?dryRun=true", 11 * 1024 * 1024, "text/csv"));

        await Expect413Problem(response);
    }

    [Fact]
    public async Task A_scim_request_over_the_advertised_maxPayloadSize_is_a_413_scim_error()
    {
        var scim = ScimClient.For(fixture.Node);
        var config = (await scim.Get("/scim/v2/ServiceProviderConfig")).Expect(HttpStatusCode.OK);
        var cap = config.GetProperty("bulk").GetProperty("maxPayloadSize").GetInt32();
        var http = fixture.Node.Client(null);
        http.DefaultRequestHeaders.Authorization = new("Bearer", NodeApp.ScimToken);

        var response = await http.SendAsync(Streamed(HttpMethod.Post, "/scim/v2/Users", cap + 1, "application/scim+json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.InRange(cap, 64 * 1024, 30_000_000);
        new ScimAnswer(response.StatusCode, JsonDocument.Parse(text).RootElement, response).ExpectError(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Entitlement_lists_may_be_larger_than_a_command_body()
    {
        var person = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id = person, name = "Pat", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        var everyDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        var entitlements = Enumerable.Range(0, 800).Select(i => new
        {
            group = $"group-{i:D4}", siteId = (string?)null, cabinetId = (string?)null,
            schedule = new[] { new { days = everyDay, from = "07:00", to = "19:00" } },
        }).ToArray();
        var json = JsonSerializer.Serialize(entitlements, HttpAssertions.Json);

        var response = await _admin.PutAsync($"/api/v1/people/{person}/entitlements", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(json.Length > 64 * 1024, $"the list is only {json.Length} bytes");
        await response.Read<JsonElement>(HttpStatusCode.OK);
    }
}
