using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Node.Demo;
using FleetKeys.Protocol;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FleetKeys.Testing;

/// <summary>
/// A real node and a simulated controller talking over real TCP — through a relay the test can cut. The controller's
/// own clock is a fake one, so its offline timeout and unlock timers move only when the test says so.
/// </summary>
public sealed class HardwareRig : IAsyncDisposable
{
    /// <summary>The site of a rig on a node of its own.</summary>
    public static readonly SiteId DefaultSite = new("e2e");

    private readonly List<SimulatedController> _controllers;

    /// <summary>What the ids of a rig on a shared node end with (null on a node of its own).</summary>
    private readonly string? _tag;

    private HardwareRig(List<SimulatedController> controllers, IReadOnlyList<TcpRelay> relays, FakeTimeProvider controllerClock, string? tag)
    {
        _controllers = controllers;
        Relays = relays;
        ControllerClock = controllerClock;
        _tag = tag;
    }

    private TimeProvider? _nodeClock;
    private bool _ownsNode;

    public NodeApp Node { get; private set; } = null!;
    public IReadOnlyList<SimulatedController> Controllers => _controllers;

    /// <summary>One relay per controller, in the same order: the network each controller is reached through.</summary>
    public IReadOnlyList<TcpRelay> Relays { get; }

    /// <summary>The rig's site: a site of its own on a shared node (its holidays and reports are the rig's alone).</summary>
    public SiteId Site => _tag is null ? DefaultSite : new SiteId($"{DefaultSite}-{_tag}");

    public SimulatedController Controller => _controllers[0];
    public TcpRelay Relay => Relays[0];
    public FakeTimeProvider ControllerClock { get; }
    public IEnumerable<SimulatedCabinet> Cabinets => _controllers.SelectMany(c => c.Cabinets);
    public SimulatedCabinet Cabinet => Controller.Cabinets[0];

    /// <summary>The stock OSDP reader of the first cabinet, on a mixed bus (<see cref="FleetLayout.StockReaders"/>).</summary>
    public SimulatedReader Reader => Controller.ReaderOf(Cabinet.CabinetId);
    public CabinetId CabinetId => new(Cabinet.CabinetId);
    public HttpClient Admin => Node.Client();

    /// <summary>A node of the rig's own on <paramref name="database"/>, for specs that restart it or set its clock or settings.</summary>
    /// <param name="nodeClock">The node's clock, when a test needs to move the driver's time (liveness) by hand.</param>
    /// <param name="layout">The simulated fleet; one controller with one six-slot cabinet unless given.</param>
    /// <param name="nodeSettings">More of the node's command line, e.g. a policy the spec is about.</param>
    public static async Task<HardwareRig> StartAsync(
        TestDatabase database, bool requiresPin = false, OfflinePolicy policy = OfflinePolicy.AllowCached, TimeProvider? nodeClock = null,
        FleetLayout? layout = null, string[]? nodeSettings = null)
    {
        var node = await NodeApp.StartAsync(database.Settings, nodeClock, nodeSettings ?? []);
        try
        {
            var rig = await Provision(node, null, requiresPin, policy, layout);
            (rig._nodeClock, rig._ownsNode) = (nodeClock, true);
            return rig;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Controllers of the rig's own on a node other specs share: its controllers, cabinets, tags, keys and people carry a tag
    /// of the rig's own, so nothing another spec does on the node touches them. Disposing the rig leaves the node running.
    /// </summary>
    /// <param name="tls">A certificate the simulated controllers serve TLS 1.3 with; the controllers are registered with it pinned.</param>
    public static Task<HardwareRig> StartOn(NodeApp node, bool requiresPin = false, OfflinePolicy policy = OfflinePolicy.AllowCached,
        FleetLayout? layout = null, X509Certificate2? tls = null) =>
        Provision(node, $"r{Guid.NewGuid():N}"[..7], requiresPin, policy, layout, tls);

    private static async Task<HardwareRig> Provision(NodeApp node, string? tag, bool requiresPin, OfflinePolicy policy, FleetLayout? layout,
        X509Certificate2? tls = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var controllers = new List<SimulatedController>();
        foreach (var spec in (layout ?? new FleetLayout(1, 1, 6)).Specs().Select(s => tag is null ? s : Tagged(s, tag)))
        {
            controllers.Add(new SimulatedController(spec, Protocol.Security.ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId), clock,
                new SimulatorOptions { TlsCertificate = tls }));
            await controllers[^1].StartAsync();
        }

        var rig = new HardwareRig(controllers, [.. controllers.Select(c => new TcpRelay(c.Port))], clock, tag) { Node = node };
        var described = new FleetDescription(SimulatedController.Host,
            [.. controllers.Select((c, i) => c.Describe() with { Port = rig.Relays[i].Port })]);
        await new FleetProvisioning(node.Service<FleetAdmin>())
            .RegisterFleet(described, rig.Site, "Europe/Berlin", policy, FleetProvisioning.DefaultKey, requiresPin);
        if (tls is not null)
            foreach (var controller in controllers)
                Assert.Null((await node.Service<FleetAdmin>().SetControllerTls(new ControllerId(controller.ControllerId),
                    TestCertificates.Sha256Thumbprint(tls), "rig")).Rejection);
        foreach (var cabinet in rig.Cabinets) await cabinet.WhenOnline(Within());
        return rig;
    }

    private static ControllerSpec Tagged(ControllerSpec spec, string tag) => spec with
    {
        ControllerId = $"{tag}-{spec.ControllerId}",
        Cabinets = new ValueList<CabinetSpec>(spec.Cabinets.Select(cabinet =>
        {
            var id = $"{tag}-{cabinet.CabinetId}";
            return cabinet with { CabinetId = id, Tags = new ValueList<ByteString>(cabinet.Tags.Select((_, slot) => FleetLayout.TagUid(id, slot + 1))) };
        })),
    };

    /// <summary>Every wait in these tests ends on a protocol event; this only bounds a wait that never comes.</summary>
    public static CancellationToken Within(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>A person entitled at the rig's site; on a shared node the id ends with the rig's tag (use the returned <c>PersonId</c>).</summary>
    public async Task<SimulatedPerson> Person(string id, string? pin = null, IReadOnlyList<Entitlement>? entitlements = null, int maxKeys = 2)
    {
        var person = new SimulatedPerson(_tag is null ? id : $"{id}-{_tag}", new ByteString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)), pin);
        await new FleetProvisioning(Node.Service<FleetAdmin>())
            .RegisterPeople([person], entitlements ?? [new Entitlement(null, Site, null, Domain.Time.Schedule.Always)], maxKeys);
        return person;
    }

    /// <summary>Badge (and PIN), choose the key (with the reason numbered <paramref name="reason"/> when it lists reasons), until its slot unlocks.</summary>
    public async Task Release(SimulatedPerson person, byte slot, byte? reason = null)
    {
        Cabinet.PresentBadge(person.Badge);
        if (person.Pin is { } pin)
        {
            await Cabinet.WhenText(t => t.Contains("PIN"), Within());
            Cabinet.EnterPin(pin + "#");
        }

        await Cabinet.WhenText(t => t.StartsWith("Welcome"), Within());
        Cabinet.SelectKey(slot);
        if (reason is { } choice) Assert.Equal(InputOutcome.Reported, Cabinet.ChooseReason(slot, choice));
        await Cabinet.WhenUnlocked(slot, Within());
    }

    public async Task<T> Get<T>(string path) => (await Admin.GetFromJsonAsync<T>(path, HttpAssertions.Json))!;

    /// <summary>The alarms of one kind at the rig's cabinet in a state, once the read side shows <paramref name="count"/> of them.</summary>
    public async Task<JsonElement[]> Alarms(string kind, int count = 1, string state = "active")
    {
        JsonElement[] items = [];
        await Eventually.Holds(async () =>
        {
            var listed = await Get<JsonElement>($"/api/v1/alarms?cabinetId={CabinetId}&kind={kind}&state={state}");
            items = [.. listed.GetProperty("items").EnumerateArray()];
            Assert.Equal(count, items.Length);
        });
        return items;
    }

    public async Task RestartNode(TestDatabase database)
    {
        if (!_ownsNode) throw new InvalidOperationException("a rig on a shared node cannot restart it");
        await Node.DisposeAsync();
        Node = await NodeApp.StartAsync(database.Settings, _nodeClock);
    }

    /// <summary>A power cycle of a controller: a new process on the same port, a new session, a new log epoch.</summary>
    public async Task RestartController(int index = 0)
    {
        var spec = _controllers[index].Describe();
        await _controllers[index].DisposeAsync();
        _controllers[index] = new SimulatedController(spec, Protocol.Security.ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId),
            ControllerClock);
        await _controllers[index].StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsNode) await Node.DisposeAsync();
        foreach (var relay in Relays) await relay.DisposeAsync();
        foreach (var controller in _controllers) await controller.DisposeAsync();
    }
}
