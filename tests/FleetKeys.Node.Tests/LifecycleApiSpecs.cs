using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>Controllers, cabinets and keys changed and taken out of service over the API: the rules, the roles, the audit.</summary>
public abstract class LifecycleApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<string> Controller()
    {
        var id = Unique("ctl");
        await (await _admin.Post("/api/v1/controllers", new { id, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    /// <summary>A cabinet on <paramref name="controller"/> with a key in each of its two slots.</summary>
    private async Task<string> Cabinet(string controller)
    {
        var site = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id = site, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        var id = Unique("cab");
        await (await _admin.Post("/api/v1/cabinets", new { id, siteId = site, controllerId = controller, busAddress = 1, slotCount = 2 }))
            .Read<JsonElement>(HttpStatusCode.Created);
        foreach (var slot in (int[])[1, 2])
            await (await _admin.Put($"/api/v1/cabinets/{id}/slots/{slot}/key", new { keyId = $"{id}-k{slot}", name = $"Key {slot}", group = "general", tagId = $"{id}-t{slot}" }))
                .Read<JsonElement>(HttpStatusCode.OK);
        return id;
    }

    private static async Task<(HttpStatusCode Status, string Body)> Answer(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> Patch(string path, object body, HttpClient? client = null) => (client ?? _admin).PatchAsJsonAsync(path, body);

    [Fact]
    public async Task A_cabinet_and_its_controller_leave_service_key_by_key_and_each_step_is_audited_with_who_took_it()
    {
        var controller = await Controller();
        var cabinet = await Cabinet(controller);

        var controllerStillWired = await Answer(_admin.DeleteAsync($"/api/v1/controllers/{controller}"));
        var cabinetStillHoming = await Answer(_admin.DeleteAsync($"/api/v1/cabinets/{cabinet}"));
        var keysRemoved = await Task.WhenAll(new[] { 1, 2 }.Select(slot => _admin.DeleteAsync($"/api/v1/cabinets/{cabinet}/slots/{slot}/key")));
        var cabinetGone = await _admin.DeleteAsync($"/api/v1/cabinets/{cabinet}");
        var controllerGone = await _admin.DeleteAsync($"/api/v1/controllers/{controller}");

        Assert.Equal(HttpStatusCode.Conflict, controllerStillWired.Status);
        Assert.Contains(cabinet, controllerStillWired.Body);
        Assert.Equal(HttpStatusCode.Conflict, cabinetStillHoming.Status);
        Assert.Contains("slot(s) 1, 2", cabinetStillHoming.Body);
        Assert.All(keysRemoved, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (cabinetGone.StatusCode, controllerGone.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/controllers/{controller}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/v1/controllers/{controller}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await _admin.Post("/api/v1/controllers", new { id = controller, host = "127.0.0.1", port = 9 })).StatusCode);
        await Eventually.Holds(async () =>
        {
            var controllers = await _admin.GetStringAsync("/api/v1/controllers?pageSize=500");
            var cabinets = await _admin.GetStringAsync($"/api/v1/cabinets?controllerId={controller}");
            var keys = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/cabinets/{cabinet}/custody");
            Assert.DoesNotContain(controller, controllers);
            Assert.DoesNotContain(cabinet, cabinets);
            Assert.Equal(0, keys.GetProperty("total").GetInt32());
        });
        await Eventually.Holds(async () =>
        {
            var by = new[] { $"keyslot-{cabinet}/1", $"cabinet-{cabinet}", $"controller-{controller}" }
                .Select(id => _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString(id)}"));
            var rows = (await Task.WhenAll(by)).SelectMany(page => page.GetProperty("items").EnumerateArray())
                .Where(r => r.GetProperty("event").TryGetProperty("By", out _))
                .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("event").GetProperty("By").GetString())).ToList();
            Assert.Equal([
                ("keyslot.assigned.v1", "bootstrap-admin"), ("keyslot.removed.v1", "bootstrap-admin"),
                ("cabinet.registered.v1", "bootstrap-admin"), ("cabinet.decommissioned.v1", "bootstrap-admin"),
                ("controller.registered.v1", "bootstrap-admin"), ("controller.decommissioned.v1", "bootstrap-admin"),
            ], rows);
        });
    }

    [Fact]
    public async Task Every_configuration_change_is_audited_with_the_key_that_made_it()
    {
        var cabinet = await Cabinet(await Controller());
        var site = (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/cabinets/{cabinet}")).GetProperty("siteId").GetString()!;
        await (await _admin.Put($"/api/v1/sites/{site}/holidays", new { holidays = new[] { "2026-12-25" } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await _admin.Put($"/api/v1/cabinets/{cabinet}/interlocks/pair", new { masterSlot = 1, slots = new[] { 2 } })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/cabinets/{cabinet}/interlocks/pair")).StatusCode);
        await (await _admin.Put($"/api/v1/cabinets/{cabinet}/alarm-settings", new { doorOpenSeconds = 90, pinAttempts = 5, pinWindowMinutes = 10, pinLockoutMinutes = 15 })).Read<JsonElement>(HttpStatusCode.OK);

        await Eventually.Holds(async () =>
        {
            var pages = await Task.WhenAll(new[] { $"site-{site}", $"cabinet-{cabinet}" }
                .Select(id => _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId={Uri.EscapeDataString(id)}")));
            var by = pages.SelectMany(page => page.GetProperty("items").EnumerateArray())
                .Where(r => r.GetProperty("event").TryGetProperty("By", out _))
                .ToLookup(r => r.GetProperty("type").GetString()!, r => r.GetProperty("event").GetProperty("By").GetString());
            Assert.All(["site.registered.v1", "site.holidays-set.v1", "cabinet.registered.v1", "cabinet.interlock-set.v1",
                "cabinet.interlock-removed.v1", "cabinet.alarm-settings-changed.v1"], type => Assert.Equal(["bootstrap-admin"], by[type]));
        });
    }

    [Fact]
    public async Task A_key_out_is_not_removed_and_its_cabinet_stays_in_service()
    {
        var cabinet = await Cabinet(await Controller());
        var person = Unique("p");
        var badge = Unique("b");
        await (await _admin.Post("/api/v1/people", new { id = person, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post($"/api/v1/people/{person}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        await (await _admin.Put($"/api/v1/people/{person}/entitlements", new[] { new { group = "general" } })).Read<JsonElement>(HttpStatusCode.OK);
        // The controller's part of a take, as the driver would send it.
        var cabinets = fixture.Node.Service<IActorRegistry>().Get<CabinetRegion>();
        var now = DateTimeOffset.UtcNow;
        var access = (AccessGranted)await cabinets.Ask<object>(new PresentBadge(new CabinetId(cabinet), new BadgeNumber(badge), null, now));
        Assert.IsType<UnlockSlot>(await cabinets.Ask<object>(new SelectKey(new CabinetId(cabinet), access.Session, 1, now)));
        Assert.IsType<SlotEventRecorded>(await cabinets.Ask<object>(new ReportTagRemoved(new CabinetId(cabinet), 1, new TagId($"{cabinet}-t1"), now)));

        var removal = await Answer(_admin.DeleteAsync($"/api/v1/cabinets/{cabinet}/slots/1/key"));
        var otherKeyRemoved = await _admin.DeleteAsync($"/api/v1/cabinets/{cabinet}/slots/2/key");
        var decommission = await Answer(_admin.DeleteAsync($"/api/v1/cabinets/{cabinet}"));

        Assert.Equal(HttpStatusCode.Conflict, removal.Status);
        Assert.Contains($"out with {person}", removal.Body);
        Assert.Equal(HttpStatusCode.NoContent, otherKeyRemoved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, decommission.Status);
        var custody = await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(("out", person), (custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
    }

    [Fact]
    public async Task A_cabinet_rewired_through_the_api_moves_to_the_other_controllers_bus()
    {
        var (first, second) = (await Controller(), await Controller());
        var cabinet = await Cabinet(first);

        var rewired = await (await Patch($"/api/v1/cabinets/{cabinet}", new { controllerId = second, busAddress = 3 })).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal((second, 3), (rewired.GetProperty("controllerId").GetString(), rewired.GetProperty("busAddress").GetInt32()));
        var claimed = await (await _admin.GetAsync($"/api/v1/controllers/{second}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal([(3, cabinet)], claimed.GetProperty("cabinets").EnumerateArray()
            .Select(c => (c.GetProperty("busAddress").GetInt32(), c.GetProperty("cabinetId").GetString())));
        await Eventually.Holds(async () => Assert.Empty(
            (await (await _admin.GetAsync($"/api/v1/controllers/{first}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("cabinets").EnumerateArray()));
    }

    [Fact]
    public async Task A_cabinet_with_a_stock_reader_claims_a_second_free_address_of_its_controllers_bus()
    {
        var controller = await Controller();
        var site = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id = site, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        Task<(HttpStatusCode Status, string Body)> Create(int busAddress, int? readerAddress) =>
            Answer(_admin.Post("/api/v1/cabinets", new { id = Unique("cab"), siteId = site, controllerId = controller, busAddress, slotCount = 2, readerAddress }));

        var mixed = await Create(1, 65);
        var readerTaken = await Create(2, 65);
        var readerIsABoard = await Create(3, 1);
        var boardIsAReader = await Create(65, null);
        var sameAddress = await Create(4, 4);
        var outOfRange = await Create(5, 200);

        Assert.Equal(HttpStatusCode.Created, mixed.Status);
        var wired = Assert.Single((await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK))
            .GetProperty("cabinets").EnumerateArray());
        Assert.Equal((1, 65), (wired.GetProperty("busAddress").GetInt32(), wired.GetProperty("readerAddress").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, readerTaken.Status);
        Assert.Contains("\"readerAddress\"", readerTaken.Body);
        Assert.Equal(HttpStatusCode.Conflict, readerIsABoard.Status);
        Assert.Contains("\"readerAddress\"", readerIsABoard.Body);
        Assert.Equal(HttpStatusCode.Conflict, boardIsAReader.Status);
        Assert.Equal(HttpStatusCode.BadRequest, sameAddress.Status);
        Assert.Contains("\"readerAddress\"", sameAddress.Body);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.Status);
        Assert.Contains("\"readerAddress\"", outOfRange.Body);
    }

    [Fact]
    public async Task A_cabinet_is_given_a_stock_reader_through_the_api_keeps_it_when_moved_on_the_same_bus_and_loses_it_when_it_is_taken_away()
    {
        var controller = await Controller();
        var (cabinet, other) = (await Cabinet(controller), Unique("cab"));
        await (await _admin.Post("/api/v1/cabinets", new { id = other, siteId = (await Read($"/api/v1/cabinets/{cabinet}")).GetProperty("siteId").GetString(),
            controllerId = controller, busAddress = 2, slotCount = 1 })).Read<JsonElement>(HttpStatusCode.Created);

        var taken = await Answer(Patch($"/api/v1/cabinets/{cabinet}", new { readerAddress = 2 }));
        await (await Patch($"/api/v1/cabinets/{cabinet}", new { readerAddress = 65 })).Read<JsonElement>(HttpStatusCode.OK);
        await (await Patch($"/api/v1/cabinets/{cabinet}", new { busAddress = 5 })).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("\"readerAddress\"", taken.Body);
        await Eventually.Holds(async () => Assert.Equal([(2, (int?)null), (5, 65)], await Wired(controller)));

        var both = await Answer(Patch($"/api/v1/cabinets/{cabinet}", new { readerAddress = 66, removeReader = true }));
        Assert.Equal(HttpStatusCode.BadRequest, both.Status);
        Assert.Contains("\"removeReader\"", both.Body);
        Assert.Equal(HttpStatusCode.BadRequest, (await Patch($"/api/v1/cabinets/{cabinet}", new { removeReader = false })).StatusCode);
        await (await Patch($"/api/v1/cabinets/{cabinet}", new { removeReader = true })).Read<JsonElement>(HttpStatusCode.OK);
        await Eventually.Holds(async () => Assert.Equal([(2, (int?)null), (5, null)], await Wired(controller)));
        await (await Patch($"/api/v1/cabinets/{other}", new { readerAddress = 65 })).Read<JsonElement>(HttpStatusCode.OK);
    }

    /// <summary>The controller's cabinets: each board's bus address and its stock reader's, if it has one.</summary>
    private async Task<List<(int, int?)>> Wired(string controller) =>
    [
        .. (await Read($"/api/v1/controllers/{controller}")).GetProperty("cabinets").EnumerateArray()
            .Select(c => (c.GetProperty("busAddress").GetInt32(),
                c.GetProperty("readerAddress").ValueKind == JsonValueKind.Null ? null : (int?)c.GetProperty("readerAddress").GetInt32()))
            .OrderBy(c => c.Item1),
    ];

    private async Task<JsonElement> Read(string path) => await (await _admin.GetAsync(path)).Read<JsonElement>(HttpStatusCode.OK);

    [Fact]
    public async Task Changes_need_the_admin_role_a_body_that_changes_something_and_things_that_exist()
    {
        var controller = await Controller();
        var cabinet = await Cabinet(controller);
        var operatorClient = fixture.Node.Client(NodeApp.OperatorKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await Patch($"/api/v1/controllers/{controller}", new { port = 10 }, operatorClient)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync($"/api/v1/controllers/{controller}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync($"/api/v1/cabinets/{cabinet}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync($"/api/v1/cabinets/{cabinet}/slots/1/key")).StatusCode);
        Assert.Contains("\"body\"", (await Answer(Patch($"/api/v1/controllers/{controller}", new { }))).Body);
        Assert.Contains("\"port\"", (await Answer(Patch($"/api/v1/controllers/{controller}", new { port = 0 }))).Body);
        Assert.Contains("\"host\"", (await Answer(Patch($"/api/v1/controllers/{controller}", new { host = " " }))).Body);
        Assert.Contains("\"busAddress\"", (await Answer(Patch($"/api/v1/cabinets/{cabinet}", new { busAddress = 200 }))).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Patch($"/api/v1/controllers/{Unique("ctl")}", new { port = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Patch($"/api/v1/cabinets/{cabinet}", new { controllerId = Unique("ctl") })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Patch($"/api/v1/cabinets/{Unique("cab")}", new { busAddress = 2 })).StatusCode);
        var unchanged = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(9, unchanged.GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_changes_and_decommissioning()
    {
        var paths = (await (await fixture.Node.Client(null).GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/controllers/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/v1/controllers/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/cabinets/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/v1/cabinets/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/cabinets/{id}/slots/{slot}/key").TryGetProperty("delete", out _));
    }
}

public sealed class SqliteLifecycleApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : LifecycleApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresLifecycleApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : LifecycleApiSpecs<PostgresTestDatabase>(fixture);
