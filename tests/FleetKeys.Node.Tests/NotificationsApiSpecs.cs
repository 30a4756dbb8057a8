using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>Notification subscriptions and dead letters over real HTTP: admins only, secrets shown once, fields checked.</summary>
public abstract class NotificationsApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Path = "/api/v1/notifications/subscriptions";
    private readonly HttpClient _admin = fixture.Node.Client();

    [Fact]
    public async Task A_subscription_is_created_read_changed_and_deleted_and_its_secret_is_shown_once()
    {
        var created = await (await _admin.Post(Path, new
        {
            channel = "webhook", url = "https://hooks.example.com/fleetkeys", kinds = new[] { "forcedRemoval", "overdueEscalatedToSecurity" },
            siteIds = new[] { "hq" }, quietHours = new { from = "22:00", to = "06:00" },
        })).Read<JsonElement>(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var read = await (await _admin.GetAsync($"{Path}/{id}")).Read<JsonElement>(HttpStatusCode.OK);
        var changed = await (await _admin.Put($"{Path}/{id}", new { url = "https://hooks.example.com/v2", kinds = new[] { "cabinetOffline" } }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var listed = await (await _admin.GetAsync(Path)).Read<JsonElement>(HttpStatusCode.OK);
        var deleted = await _admin.DeleteAsync($"{Path}/{id}");
        var gone = await _admin.GetAsync($"{Path}/{id}");

        Assert.Equal(44, created.GetProperty("secret").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("secret").ValueKind);
        Assert.Equal(["forcedRemoval", "overdueEscalatedToSecurity"], read.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("22:00", read.GetProperty("quietHours").GetProperty("from").GetString());
        Assert.Equal("https://hooks.example.com/v2", changed.GetProperty("url").GetString());
        Assert.Equal(["cabinetOffline"], changed.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("quietHours").ValueKind);
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Only_admins_see_or_change_notifications_and_unknown_ids_are_404()
    {
        var operatorReads = await fixture.Node.Client(NodeApp.OperatorKey).GetAsync(Path);
        var auditorReads = await fixture.Node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/notifications/dead-letters");
        var deadLetters = await (await _admin.GetAsync("/api/v1/notifications/dead-letters")).Read<JsonElement>(HttpStatusCode.OK);
        var retryUnknown = await _admin.PostAsync("/api/v1/notifications/dead-letters/nothing/retry", null);
        var putUnknown = await _admin.Put($"{Path}/nothing", new { channel = "webhook", url = "https://x.example.com" });

        Assert.Equal(HttpStatusCode.Forbidden, operatorReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorReads.StatusCode);
        Assert.Equal(JsonValueKind.Array, deadLetters.ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, retryUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, putUnknown.StatusCode);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"url":"https://x.example.com"}""", "channel" },
        { """{"channel":"pigeon"}""", "channel" },
        { """{"channel":"webhook","url":"ftp://x.example.com"}""", "url" },
        { """{"channel":"webhook"}""", "url" },
        { """{"channel":"email"}""", "emails" },
        { """{"channel":"email","emails":["not an address"]}""", "emails[0]" },
        { """{"channel":"email","toHolder":true,"url":"https://x.example.com"}""", "url" },
        { """{"channel":"webhook","url":"https://x.example.com","kinds":["meteorStrike"]}""", "kinds[0]" },
        { """{"channel":"webhook","url":"https://x.example.com","siteIds":["a b"]}""", "siteIds[0]" },
        { """{"channel":"webhook","url":"https://x.example.com","quietHours":{"from":"22:00","to":"later"}}""", "quietHours.to" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_subscription_is_a_problem_naming_the_field(string json, string field)
    {
        var response = await _admin.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}

public sealed class SqliteNotificationsApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : NotificationsApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresNotificationsApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : NotificationsApiSpecs<PostgresTestDatabase>(fixture);
