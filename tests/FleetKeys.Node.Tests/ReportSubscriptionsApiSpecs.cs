using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>Report subscriptions over real HTTP: operators change them, auditors read them, fields checked, unknown ids 404.</summary>
public abstract class ReportSubscriptionsApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Path = "/api/v1/report-subscriptions";
    private readonly HttpClient _operator = fixture.Node.Client(NodeApp.OperatorKey);
    private readonly HttpClient _auditor = fixture.Node.Client(NodeApp.AuditorKey);

    [Fact]
    public async Task An_operator_subscribes_pauses_and_removes_a_report_and_an_auditor_reads_it()
    {
        var created = await (await _operator.Post(Path, new { mailbox = "desk@example.com", kind = "overdue", cadence = "weekly", weekday = "monday", time = "08:00" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var paused = await (await _operator.PatchAsJsonAsync($"{Path}/{id}", new { paused = true })).Read<JsonElement>(HttpStatusCode.OK);
        var read = await (await _auditor.GetAsync($"{Path}/{id}")).Read<JsonElement>(HttpStatusCode.OK);
        var listed = await (await _auditor.GetAsync(Path)).Read<JsonElement>(HttpStatusCode.OK);
        var auditorDeletes = await _auditor.DeleteAsync($"{Path}/{id}");
        var deleted = await _operator.DeleteAsync($"{Path}/{id}");
        var gone = await _auditor.GetAsync($"{Path}/{id}");

        Assert.Equal(("weekly", "monday", "08:00", "UTC"), (created.GetProperty("cadence").GetString(), created.GetProperty("weekday").GetString(),
            created.GetProperty("time").GetString(), created.GetProperty("timeZone").GetString()));
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("desk@example.com", read.GetProperty("mailbox").GetString());
        Assert.Equal(DayOfWeek.Monday, read.GetProperty("nextDueAt").GetDateTimeOffset().DayOfWeek);
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Forbidden, auditorDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Unknown_subscriptions_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PatchAsJsonAsync($"{Path}/rs-nothing", new { paused = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.DeleteAsync($"{Path}/rs-nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _auditor.GetAsync($"{Path}/rs-nothing")).StatusCode);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"kind":"overdue","cadence":"daily","time":"08:00"}""", "mailbox" },
        { """{"mailbox":"not an address","kind":"overdue","cadence":"daily","time":"08:00"}""", "mailbox" },
        { """{"mailbox":"a@example.com","kind":"weather","cadence":"daily","time":"08:00"}""", "kind" },
        { """{"mailbox":"a@example.com","kind":"overdue","cadence":"hourly","time":"08:00"}""", "cadence" },
        { """{"mailbox":"a@example.com","kind":"overdue","cadence":"weekly","weekday":"someday","time":"08:00"}""", "weekday" },
        { """{"mailbox":"a@example.com","kind":"overdue","cadence":"daily","time":"25:00"}""", "time" },
        { """{"mailbox":"a@example.com","kind":"overdue","cadence":"daily","time":"08:00","siteId":"no-such-site"}""", "siteId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_subscription_is_a_problem_naming_the_field(string json, string field)
    {
        var response = await _operator.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}

public sealed class SqliteReportSubscriptionsApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : ReportSubscriptionsApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresReportSubscriptionsApiSpecs(NodeFixture<PostgresTestDatabase> fixture)
    : ReportSubscriptionsApiSpecs<PostgresTestDatabase>(fixture);
