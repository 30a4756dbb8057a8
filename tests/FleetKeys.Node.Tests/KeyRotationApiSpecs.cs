using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>An admin asks for a device's next key; it waits on the controller for the device (the driver carries it out).</summary>
public abstract class KeyRotationApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    /// <summary>A controller nothing listens for (port 9), with a cabinet at bus address 1: its device is offline.</summary>
    private async Task<string> OfflineController()
    {
        var id = $"ctl-{Guid.NewGuid():N}"[..17];
        var cabinet = $"cab-{Guid.NewGuid():N}"[..17];
        await (await _admin.Post("/api/v1/controllers", new { id, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post("/api/v1/sites", new { id = cabinet, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post("/api/v1/cabinets", new { id = cabinet, siteId = cabinet, controllerId = id, busAddress = 1, slotCount = 2 }))
            .Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task A_rotation_for_an_offline_device_waits_for_it_and_a_second_one_meanwhile_is_a_conflict()
    {
        var controller = await OfflineController();
        var path = $"/api/v1/controllers/{controller}/devices/1/rotate-key";

        var asked = await (await _admin.Post(path, new { })).Read<JsonElement>(HttpStatusCode.Accepted);
        var again = await _admin.Post(path, new { });

        var key = Assert.Single(asked.GetProperty("keys").EnumerateArray());
        Assert.Equal((1, 0, 1), (key.GetProperty("busAddress").GetInt32(), key.GetProperty("generation").GetInt32(), key.GetProperty("rotatingTo").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already being rotated to generation 1", await again.Content.ReadAsStringAsync());
        var shown = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(1, Assert.Single(shown.GetProperty("keys").EnumerateArray()).GetProperty("rotatingTo").GetInt32());
    }

    [Fact]
    public async Task Only_an_admin_rotates_a_key_of_a_device_that_exists()
    {
        var controller = await OfflineController();

        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.Node.Client(NodeApp.OperatorKey).Post($"/api/v1/controllers/{controller}/devices/1/rotate-key", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Post($"/api/v1/controllers/{controller}/devices/2/rotate-key", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await _admin.Post($"/api/v1/controllers/{$"ctl-{Guid.NewGuid():N}"[..17]}/devices/1/rotate-key", new { })).StatusCode);
        Assert.Contains("\"address\"", await (await _admin.Post($"/api/v1/controllers/{controller}/devices/127/rotate-key", new { })).Content.ReadAsStringAsync());
        var unchanged = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, Assert.Single(unchanged.GetProperty("keys").EnumerateArray()).GetProperty("rotatingTo").ValueKind);
    }
}

public sealed class SqliteKeyRotationApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : KeyRotationApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresKeyRotationApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : KeyRotationApiSpecs<PostgresTestDatabase>(fixture);
