using System.Net.Http.Json;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Node.Demo;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A real node and a simulated controller talking over real TCP — through a relay the test can cut. The controller's
/// own clock is a fake one, so its offline timeout and unlock timers move only when the test says so.
/// </summary>
public sealed class HardwareRig : IAsyncDisposable
{
    public static readonly SiteId Site = new("e2e");

    private HardwareRig(SimulatedController controller, TcpRelay relay, FakeTimeProvider controllerClock)
    {
        Controller = controller;
        Relay = relay;
        ControllerClock = controllerClock;
    }

    private TimeProvider? _nodeClock;

    public NodeApp Node { get; private set; } = null!;
    public SimulatedController Controller { get; private set; }
    public TcpRelay Relay { get; }
    public FakeTimeProvider ControllerClock { get; }
    public SimulatedCabinet Cabinet => Controller.Cabinets[0];
    public CabinetId CabinetId => new(Cabinet.CabinetId);
    public HttpClient Admin => Node.Client();

    /// <param name="nodeClock">The node's clock, when a test needs to move the driver's time (liveness) by hand.</param>
    public static async Task<HardwareRig> StartAsync(
        TestDatabase database, bool requiresPin = false, OfflinePolicy policy = OfflinePolicy.AllowCached, TimeProvider? nodeClock = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var spec = new FleetLayout(1, 1, 6).Specs()[0];
        var controller = new SimulatedController(spec, Protocol.Security.ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId), clock);
        await controller.StartAsync();
        var rig = new HardwareRig(controller, new TcpRelay(controller.Port), clock);
        rig._nodeClock = nodeClock;
        rig.Node = await NodeApp.StartAsync(database.Settings, nodeClock);
        var described = new FleetDescription(SimulatedController.Host, [controller.Describe() with { Port = rig.Relay.Port }]);
        await new FleetProvisioning(rig.Node.Service<FleetAdmin>())
            .RegisterFleet(described, Site, "Europe/Berlin", policy, FleetProvisioning.DefaultKey, requiresPin);
        await rig.Cabinet.WhenOnline(Within());
        return rig;
    }

    /// <summary>Every wait in these tests ends on a protocol event; this only bounds a wait that never comes.</summary>
    public static CancellationToken Within(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public async Task<SimulatedPerson> Person(string id, string? pin = null, IReadOnlyList<Entitlement>? entitlements = null, int maxKeys = 2)
    {
        var person = new SimulatedPerson(id, new Protocol.ByteString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)), pin);
        await new FleetProvisioning(Node.Service<FleetAdmin>())
            .RegisterPeople([person], entitlements ?? [new Entitlement(null, Site, null, Domain.Time.Schedule.Always)], maxKeys);
        return person;
    }

    /// <summary>Badge, optional PIN, key choice: returns once the slot is physically unlocked.</summary>
    public async Task Release(SimulatedPerson person, byte slot)
    {
        Cabinet.PresentBadge(person.Badge);
        if (person.Pin is { } pin)
        {
            await Cabinet.WhenText(t => t.Contains("PIN"), Within());
            Cabinet.EnterPin(pin + "#");
        }

        await Cabinet.WhenText(t => t.StartsWith("Welcome"), Within());
        Cabinet.SelectKey(slot);
        await Cabinet.WhenUnlocked(slot, Within());
    }

    public async Task<T> Get<T>(string path) => (await Admin.GetFromJsonAsync<T>(path, HttpAssertions.Json))!;

    public async Task RestartNode(TestDatabase database)
    {
        await Node.DisposeAsync();
        Node = await NodeApp.StartAsync(database.Settings, _nodeClock);
    }

    /// <summary>A power cycle of the controller: a new process on the same port, a new session, a new log epoch.</summary>
    public async Task RestartController()
    {
        var spec = Controller.Describe();
        await Controller.DisposeAsync();
        Controller = new SimulatedController(spec, Protocol.Security.ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId), ControllerClock);
        await Controller.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Relay.DisposeAsync();
        await Controller.DisposeAsync();
    }
}
