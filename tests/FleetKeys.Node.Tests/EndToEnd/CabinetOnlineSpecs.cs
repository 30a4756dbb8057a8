using System.Text.Json;
using FleetKeys.Management.Fleet;
using FleetKeys.Management.Logs;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol;
using FleetKeys.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Online is what the driver sees now, never a remembered state: a cabinet whose controller cannot be reached reads offline
/// in the API, the fleet palette and the metric, and raises its alarm — after a restart too, when the record said online.
/// </summary>
[Collection(AkkaLogCollection.Name)]
public sealed class CabinetOnlineSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _nodeClock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static async Task<JsonElement> Get(NodeApp node, string path) =>
        JsonDocument.Parse(await node.Client().GetStringAsync(path)).RootElement;

    private static async Task<bool> Online(NodeApp node, CabinetId cabinet) =>
        (await Get(node, $"/api/v1/cabinets/{cabinet}")).GetProperty("online").GetBoolean();

    private static async Task<IReadOnlyList<JsonElement>> OfflineAlarms(NodeApp node, CabinetId cabinet) =>
        [.. (await Get(node, $"/api/v1/alarms?cabinetId={cabinet}&kind=cabinetOffline")).GetProperty("items").EnumerateArray()];

    /// <summary>The driver keeps time from its start on the node's fake clock: it must be running before the clock moves.</summary>
    private static Task DriverRunning(NodeApp node, ControllerId controller) => Eventually.Holds(async () =>
        Assert.NotNull((await node.Service<FleetDirectory>().Drivers([controller], CancellationToken.None)).Single().Node));

    /// <summary>What the API's list, the fleet palette (fleetctl) and the metric say, besides the cabinet itself.</summary>
    private static async Task AllReadOffline(NodeApp node, CabinetId cabinet)
    {
        Assert.False(await Online(node, cabinet));
        var listed = (await Get(node, "/api/v1/cabinets?online=true&pageSize=500")).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(listed, c => c.GetProperty("id").GetString() == cabinet.Value);
        var palette = await node.Service<FleetDirectory>().Cabinets(CancellationToken.None);
        Assert.False(palette.Items.Single(c => c.Id == cabinet).Online);
        Assert.Matches(@"fleetkeys_cabinets_online(\{[^}]*\})? 0\b", await node.Client(null).GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_controller_that_cannot_be_reached_from_the_start_reads_offline_raises_its_alarm_and_logs_its_dials()
    {
        await using var node = await NodeApp.StartAsync(_database.Settings, _nodeClock);
        var admin = node.Service<FleetAdmin>();
        var (controller, cabinet) = (new ControllerId("ctl-gone"), new CabinetId("cab-gone"));
        await admin.RegisterSite(HardwareRig.DefaultSite, "E2E", "Europe/Berlin", "test");
        await admin.RegisterController(controller, "127.0.0.1", FreePort.Next(), OfflinePolicy.DenyAll, "test");
        await admin.RegisterCabinet(cabinet, HardwareRig.DefaultSite, controller, 1, 2, false, "test");
        await DriverRunning(node, controller);

        // Attaching the cabinet restarts the driver, maybe only after the clock moved on: time passes until it reports.
        await Eventually.Holds(async () =>
        {
            _nodeClock.Advance(ProtocolTiming.OfflineAfter + TimeSpan.FromSeconds(1));
            Assert.Single(await OfflineAlarms(node, cabinet));
        });
        await Eventually.Holds(() => AllReadOffline(node, cabinet));
        await Eventually.Holds(() => Assert.Contains(node.Service<RecentLogLines>().Recent(LogLevel.Warning, 2000),
            l => l.Message.Contains("ctl-gone") && l.Message.Contains("cannot be reached")));
    }

    [Fact]
    public async Task After_a_restart_without_its_controller_a_cabinet_remembered_online_reads_offline_and_raises_its_alarm()
    {
        await using var rig = await HardwareRig.StartAsync(_database, nodeClock: _nodeClock);
        await Eventually.Holds(async () => Assert.True(await Online(rig.Node, rig.CabinetId)));
        await Eventually.Holds(async () => Assert.Contains(
            (await Get(rig.Node, "/api/v1/cabinets?online=true&pageSize=500")).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetString() == rig.CabinetId.Value));

        rig.Relay.Cut();
        await rig.RestartNode(_database);
        Assert.True(await Online(rig.Node, rig.CabinetId), "the record still says online: the driver has not looked yet");
        await DriverRunning(rig.Node, new ControllerId(rig.Controller.ControllerId));
        _nodeClock.Advance(ProtocolTiming.OfflineAfter + TimeSpan.FromSeconds(1));

        await Eventually.Holds(async () => Assert.Single(await OfflineAlarms(rig.Node, rig.CabinetId)));
        await Eventually.Holds(() => AllReadOffline(rig.Node, rig.CabinetId));
        Assert.Empty((await rig.Node.Service<FleetDirectory>().Drivers([new ControllerId(rig.Controller.ControllerId)], CancellationToken.None))
            .Single().CabinetsOnline);
    }
}
