using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using CommandCode = FleetKeys.Protocol.Messages.CommandCode;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// The driver's view of its controllers: cabinets that stop answering go offline and come back, and a controller that
/// floods garbage or cannot authenticate is dropped, logged and counted while its neighbours carry on.
/// </summary>
public sealed class CabinetLivenessSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _nodeClock = new(DateTimeOffset.UtcNow);
    private HardwareRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _rig = await HardwareRig.StartAsync(_database, nodeClock: _nodeClock);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<bool> Online() =>
        (await _rig.Get<JsonElement>($"/api/v1/cabinets/{_rig.CabinetId}")).GetProperty("online").GetBoolean();

    private Task<JsonElement> Driver(string controller) =>
        _rig.Get<JsonElement>($"/api/v1/controllers/{controller}").ContinueWith(t => t.Result.GetProperty("driver"));

    private async Task<JsonElement[]> ControllerAlarms(string state) =>
    [
        .. (await _rig.Get<JsonElement>($"/api/v1/alarms?kind=controllerCommunicationLost&state={state}&controllerId={_rig.Controller.ControllerId}"))
            .GetProperty("items").EnumerateArray(),
    ];

    [Fact]
    public async Task A_cabinet_and_its_controller_that_stop_answering_go_offline_and_come_back_and_the_controllers_outage_is_an_alarm_with_its_length()
    {
        await Eventually.Holds(async () => Assert.True(await Online()));

        _rig.Relay.Cut();
        // Each try moves the node's clock past the silence window again: a reply already on its way when the relay was cut
        // can land after a single advance and count as heard then.
        await Eventually.Holds(async () =>
        {
            _nodeClock.Advance(ProtocolTiming.OfflineAfter + TimeSpan.FromSeconds(1));
            Assert.False(await Online());
        });

        await Eventually.Holds(async () => Assert.Single(await ControllerAlarms("active")));

        _rig.Relay.Resume();
        await Eventually.Holds(async () => Assert.True(await Online()));
        Assert.True((await Driver(_rig.Controller.ControllerId)).GetProperty("reconnects").GetInt64() >= 1);
        await Eventually.Holds(async () =>
            Assert.StartsWith("the controller answers again after", Assert.Single(await ControllerAlarms("cleared")).GetProperty("cleared").GetProperty("note").GetString()));
    }

    [Fact]
    public async Task A_cabinet_its_controller_answered_for_before_the_cabinet_was_registered_shows_online_once_registered()
    {
        var rigs = new FleetLayout(1, 1, 2).Specs()[0];
        var spec = rigs with { ControllerId = "ctl-late", Cabinets = new([rigs.Cabinets[0] with { CabinetId = "ctl-late-cab-01" }]) };
        await using var controller = new SimulatedController(spec, ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId), TimeProvider.System);
        await controller.StartAsync();
        var admin = _rig.Node.Service<Cluster.Administration.FleetAdmin>();
        await admin.RegisterController(new("ctl-late"), "127.0.0.1", controller.Port, OfflinePolicy.DenyAll, "test");
        // Registering a cabinet claims its bus address on the controller first: the driver may hear the cabinet before
        // the cabinet itself is on record, and that first report is refused.
        var registry = _rig.Node.Service<IActorRegistry>();
        var cabinet = new CabinetId(spec.Cabinets[0].CabinetId);
        Assert.IsType<ControllerDetails>(await registry.Get<ControllerRegion>()
            .Ask<object>(new AttachCabinet(new("ctl-late"), 1, cabinet, false, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(15)));
        await Eventually.Holds(async () =>
            Assert.Equal(cabinet.Value, Assert.Single((await Driver("ctl-late")).GetProperty("cabinetsOnline").EnumerateArray()).GetString()));

        Assert.IsType<CabinetDetails>(await registry.Get<CabinetRegion>().Ask<object>(
            new RegisterCabinet(cabinet, HardwareRig.DefaultSite, "Europe/Berlin", new("ctl-late"), 1, 2, false, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(15)));

        await Eventually.Holds(async () =>
            Assert.True((await _rig.Get<JsonElement>($"/api/v1/cabinets/{cabinet}")).GetProperty("online").GetBoolean()));
    }

    [Fact]
    public async Task A_controller_that_floods_garbage_or_fails_authentication_is_dropped_and_counted_and_the_others_carry_on()
    {
        using var flood = new TcpListener(IPAddress.Loopback, 0);
        flood.Start();
        _ = Flood(flood);
        var spec = new FleetLayout(1, 1, 2).Specs()[0] with { ControllerId = "ctl-impostor" };
        await using var impostor = new SimulatedController(spec, ControllerSecret.Generate(), TimeProvider.System);
        await impostor.StartAsync();
        var admin = _rig.Node.Service<Cluster.Administration.FleetAdmin>();
        await admin.RegisterController(new("ctl-flood"), "127.0.0.1", ((IPEndPoint)flood.LocalEndpoint).Port, OfflinePolicy.DenyAll, "test");
        await admin.RegisterController(new("ctl-impostor"), "127.0.0.1", impostor.Port, OfflinePolicy.DenyAll, "test");
        await admin.RegisterCabinet(new("cab-flood"), HardwareRig.DefaultSite, new("ctl-flood"), 1, 2, false, "test");
        await admin.RegisterCabinet(new("cab-impostor"), HardwareRig.DefaultSite, new("ctl-impostor"), 1, 2, false, "test");

        await Eventually.Holds(async () => Assert.True((await Driver("ctl-flood")).GetProperty("framesRejected").GetInt64() >= 20));
        await Eventually.Holds(async () => Assert.True((await Driver("ctl-flood")).GetProperty("reconnects").GetInt64() >= 1));
        await Eventually.Holds(async () => Assert.True((await Driver("ctl-impostor")).GetProperty("authenticationFailures").GetInt64() >= 1));

        var alice = await _rig.Person("alice");
        await _rig.Release(alice, 2);
        Assert.True(_rig.Cabinet.TakeKey(2));
        await _rig.Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        // A reply that comes in after its timeout (a loaded machine) is refused as unexpected; nothing else may be.
        var good = await Driver(_rig.Controller.ControllerId);
        Assert.True(good.GetProperty("framesRejected").GetInt64() <= good.GetProperty("timeouts").GetInt64(), good.ToString());
        Assert.False(impostor.Cabinets[0].IsSessionEstablished);
    }

    [Fact]
    public async Task Connections_that_do_not_authenticate_cannot_knock_the_node_off_its_controller()
    {
        var node = _rig.Controller.ControllerId;
        var reconnects = (await Driver(node)).GetProperty("reconnects").GetInt64();

        for (var stranger = 0; stranger < 20; stranger++)
        {
            // Straight to the controller's port, past the node's link: a challenge and a command, without the secret.
            using var attacker = new TcpClient { NoDelay = true };
            await attacker.ConnectAsync(SimulatedController.Host, _rig.Controller.Port);
            var stream = attacker.GetStream();
            await stream.WriteAsync(new PanelChannel(1, ControllerSecret.Generate()).StartHandshake());
            await stream.ReadExactlyAsync(new byte[1]);
            await stream.WriteAsync(Packet.Encode(1, 0, (byte)CommandCode.Poll, []));
        }

        var alice = await _rig.Person("alice");
        await _rig.Release(alice, 1);
        Assert.True(_rig.Cabinet.TakeKey(1));
        await _rig.Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        Assert.Equal(reconnects, (await Driver(node)).GetProperty("reconnects").GetInt64());
    }

    [Fact]
    public async Task A_controller_that_fails_authentication_is_redialled_ever_more_slowly()
    {
        var spec = new FleetLayout(1, 1, 2).Specs()[0] with { ControllerId = "ctl-impostor" };
        await using var impostor = new SimulatedController(spec, ControllerSecret.Generate(), TimeProvider.System);
        await impostor.StartAsync();
        var admin = _rig.Node.Service<Cluster.Administration.FleetAdmin>();
        // Wired at a closed port first: attaching the cabinet restarts the driver, and this measures one driver's redials.
        await admin.RegisterController(new("ctl-impostor"), "127.0.0.1", FreePort.Next(), OfflinePolicy.DenyAll, "test");
        await admin.RegisterCabinet(new("cab-impostor"), HardwareRig.DefaultSite, new("ctl-impostor"), 1, 2, false, "test");

        var dialling = Stopwatch.StartNew();
        await admin.ChangeController(new("ctl-impostor"), "127.0.0.1", impostor.Port, null, "spec");
        await Eventually.Holds(() => Assert.True(impostor.Counters.Connections >= 5), TimeSpan.FromSeconds(20));

        // Four redials after failed authentication wait at least 125 + 250 + 500 + 1000 ms (half of each doubling step);
        // restarting from the first step at every connect, they would take about a second.
        Assert.True(dialling.Elapsed >= TimeSpan.FromMilliseconds(1875), $"five dials in {dialling.Elapsed}");
        Assert.True((await Driver("ctl-impostor")).GetProperty("authenticationFailures").GetInt64() >= 4);
    }

    /// <summary>A "controller" that answers every connection with a bounded stream of random bytes.</summary>
    private static async Task Flood(TcpListener listener)
    {
        var random = new Random(7);
        for (var connection = 0; connection < 20; connection++)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var noise = new byte[64];
            try
            {
                for (var burst = 0; burst < 200; burst++)
                {
                    random.NextBytes(noise);
                    noise[0] = 0x53; // start-of-message, so the reader tries to parse each burst as a frame
                    await client.GetStream().WriteAsync(noise);
                }
            }
            catch (IOException)
            {
                // the driver hung up, as it should
            }
        }
    }
}
