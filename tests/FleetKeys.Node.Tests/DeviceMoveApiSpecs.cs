using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>An admin moves a device to another bus address; the move waits on the controller for the device (the driver carries it out).</summary>
public abstract class DeviceMoveApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    /// <summary>A controller nothing listens for (port 9), with cabinets at bus addresses 1 and 2: its devices are offline.</summary>
    private async Task<string> OfflineController()
    {
        var id = $"ctl-{Guid.NewGuid():N}"[..17];
        await (await _admin.Post("/api/v1/controllers", new { id, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        foreach (var busAddress in new[] { 1, 2 })
        {
            var cabinet = $"cab-{Guid.NewGuid():N}"[..17];
            await (await _admin.Post("/api/v1/sites", new { id = cabinet, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Post("/api/v1/cabinets", new { id = cabinet, siteId = cabinet, controllerId = id, busAddress, slotCount = 2 }))
                .Read<JsonElement>(HttpStatusCode.Created);
        }

        return id;
    }

    [Fact]
    public async Task A_move_for_an_offline_device_waits_for_it_and_a_second_change_meanwhile_is_a_conflict()
    {
        var controller = await OfflineController();
        var path = $"/api/v1/controllers/{controller}/devices/1/move";

        var asked = await (await _admin.Post(path, new { address = 5, baudRate = 38400 })).Read<JsonElement>(HttpStatusCode.Accepted);
        var again = await _admin.Post(path, new { address = 6 });
        var rotation = await _admin.Post($"/api/v1/controllers/{controller}/devices/1/rotate-key", new { });

        var moving = asked.GetProperty("keys").EnumerateArray().First(k => k.GetProperty("busAddress").GetInt32() == 1).GetProperty("movingTo");
        Assert.Equal((5, 38400), (moving.GetProperty("address").GetInt32(), moving.GetProperty("baudRate").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already being moved to bus address 5", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, rotation.StatusCode);
        var taken = await _admin.Post($"/api/v1/controllers/{controller}/devices/2/move", new { address = 5 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("\"address\"", await taken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_an_admin_moves_a_device_that_exists_to_a_free_address_at_a_rate_OSDP_names()
    {
        var controller = await OfflineController();
        var path = $"/api/v1/controllers/{controller}/devices/1/move";

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Node.Client(NodeApp.OperatorKey).Post(path, new { address = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Post($"/api/v1/controllers/{controller}/devices/3/move", new { address = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await _admin.Post($"/api/v1/controllers/{$"ctl-{Guid.NewGuid():N}"[..17]}/devices/1/move", new { address = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Post(path, new { address = 2 })).StatusCode);
        foreach (var (body, field) in new (object, string)[] { (new { }, "address"), (new { address = 127 }, "address"), (new { address = 5, baudRate = 14400 }, "baudRate") })
        {
            var refused = await _admin.Post(path, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }

        var unchanged = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.All(unchanged.GetProperty("keys").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("movingTo").ValueKind));
    }
}

public sealed class SqliteDeviceMoveApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : DeviceMoveApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresDeviceMoveApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : DeviceMoveApiSpecs<PostgresTestDatabase>(fixture);
