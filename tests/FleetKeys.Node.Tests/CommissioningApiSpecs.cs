using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>An operator with the admin role opens a bounded commissioning window for one bus address; it is audited with who.</summary>
public abstract class CommissioningApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private async Task<string> Controller()
    {
        var id = $"ctl-{Guid.NewGuid():N}"[..17];
        await (await _admin.Post("/api/v1/controllers", new { id, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task A_window_for_one_bus_address_is_shown_on_the_controller_and_audited_with_who_opened_it()
    {
        var controller = await Controller();
        var before = DateTimeOffset.UtcNow;

        var opened = await (await _admin.Post($"/api/v1/controllers/{controller}/commissioning", new { busAddress = 1, minutes = 10 }))
            .Read<JsonElement>(HttpStatusCode.OK);

        var window = Assert.Single(opened.GetProperty("commissioning").EnumerateArray());
        Assert.Equal(1, window.GetProperty("busAddress").GetInt32());
        Assert.InRange(window.GetProperty("until").GetDateTimeOffset(), before.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(10));
        await Eventually.Holds(async () =>
        {
            var audit = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString($"controller-{controller}")}");
            var row = Assert.Single(audit.GetProperty("items").EnumerateArray(), r => r.GetProperty("type").GetString() == "controller.commissioning-opened.v1");
            Assert.Equal("bootstrap-admin", row.GetProperty("event").GetProperty("By").GetString());
        });
    }

    [Fact]
    public async Task Only_an_admin_opens_one_for_a_bus_address_a_bounded_time_on_a_controller_that_exists()
    {
        var controller = await Controller();
        var path = $"/api/v1/controllers/{controller}/commissioning";

        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.Node.Client(NodeApp.OperatorKey).Post(path, new { busAddress = 1, minutes = 10 })).StatusCode);
        Assert.Contains("\"minutes\"", await (await _admin.Post(path, new { busAddress = 1, minutes = 61 })).Content.ReadAsStringAsync());
        Assert.Contains("\"busAddress\"", await (await _admin.Post(path, new { busAddress = 127, minutes = 10 })).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound,
            (await _admin.Post($"/api/v1/controllers/{$"ctl-{Guid.NewGuid():N}"[..17]}/commissioning", new { busAddress = 1, minutes = 10 })).StatusCode);
        var unchanged = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Empty(unchanged.GetProperty("commissioning").EnumerateArray());
    }
}

public sealed class SqliteCommissioningApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : CommissioningApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCommissioningApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : CommissioningApiSpecs<PostgresTestDatabase>(fixture);
