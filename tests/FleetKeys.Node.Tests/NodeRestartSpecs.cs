using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>Custody survives the node: what was out before a restart is out after it, with its history.</summary>
public abstract class NodeRestartSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_key_taken_before_a_restart_is_still_out_after_it_with_its_history()
    {
        const string cabinet = "lobby", badge = "b-4711";
        await using (var node = await NodeApp.StartAsync(_database.Settings))
        {
            var admin = node.Client();
            await (await admin.Post("/api/v1/sites", new { id = "hq", name = "HQ", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
            await (await admin.Post("/api/v1/controllers", new { id = "ctl", host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
            await (await admin.Post("/api/v1/cabinets", new { id = cabinet, siteId = "hq", controllerId = "ctl", busAddress = 1, slotCount = 2 }))
                .Read<JsonElement>(HttpStatusCode.Created);
            await (await admin.Put($"/api/v1/cabinets/{cabinet}/slots/1/key", new { keyId = "master", name = "Master", group = "masters", tagId = "tag-m" }))
                .Read<JsonElement>(HttpStatusCode.OK);
            await (await admin.Post("/api/v1/people", new { id = "alice", name = "Alice", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
            await (await admin.Post("/api/v1/people/alice/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
            await (await admin.Put("/api/v1/people/alice/entitlements", new[] { new { group = "masters" } })).Read<JsonElement>(HttpStatusCode.OK);

            // The controller's part of the flow, as the driver would send it.
            var cabinets = node.Service<IActorRegistry>().Get<CabinetRegion>();
            var now = DateTimeOffset.UtcNow;
            var access = (AccessGranted)await cabinets.Ask<object>(new PresentBadge(new CabinetId(cabinet), new BadgeNumber(badge), null, now));
            Assert.IsType<UnlockSlot>(await cabinets.Ask<object>(new SelectKey(new CabinetId(cabinet), access.Session, 1, now)));
            Assert.IsType<SlotEventRecorded>(await cabinets.Ask<object>(new ReportTagRemoved(new CabinetId(cabinet), 1, new TagId("tag-m"), now)));
        }

        await using var restarted = await NodeApp.StartAsync(_database.Settings);
        var client = restarted.Client(NodeApp.AuditorKey);
        var custody = await (await client.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1")).Read<JsonElement>(HttpStatusCode.OK);
        var history = await (await client.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1/history")).Read<JsonElement>(HttpStatusCode.OK);
        var person = await (await client.GetAsync("/api/v1/people/alice")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("out", custody.GetProperty("status").GetString());
        Assert.Equal("alice", custody.GetProperty("holder").GetString());
        Assert.Equal(["keyslot.assigned.v1", "keyslot.released.v1", "keyslot.taken.v1"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("lobby/1", person.GetProperty("keysHeld")[0].GetString());
    }
}

public sealed class SqliteNodeRestartSpecs : NodeRestartSpecs<SqliteTestDatabase>;

public sealed class PostgresNodeRestartSpecs : NodeRestartSpecs<PostgresTestDatabase>;
