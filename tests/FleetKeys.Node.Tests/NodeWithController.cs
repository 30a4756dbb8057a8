using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// The node executable in a process of its own, started as a newcomer starts it (a fresh folder, its own admin key, the
/// default log level), and one simulated controller with a two-slot cabinet on loopback, registered through the API as
/// an administrator would. Slot 1 holds a master key, slot 2 a normal one.
/// </summary>
public sealed class NodeWithController : IAsyncDisposable
{
    public const string Site = "depot";

    private NodeWithController(NodeProcess node, SimulatedController controller, HttpClient anonymous)
    {
        Node = node;
        Controller = controller;
        Anonymous = anonymous;
    }

    public NodeProcess Node { get; }
    public SimulatedController Controller { get; }
    public SimulatedCabinet Cabinet => Controller.Cabinets[0];
    public string CabinetId => Cabinet.CabinetId;

    /// <summary>A client without a key: what anyone on the network has.</summary>
    public HttpClient Anonymous { get; }

    public HttpClient Admin { get; private set; } = null!;

    public static CancellationToken Within(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task<NodeWithController> StartAsync(params string[] extra)
    {
        var spec = new FleetLayout(1, 1, 2).Specs()[0];
        var controller = new SimulatedController(spec, ControllerSecret.Derive(NodeApp.MasterSecret, spec.ControllerId), TimeProvider.System);
        await controller.StartAsync();
        var httpPort = FreePort.Next();
        var node = new NodeProcess([
            "--urls", $"http://127.0.0.1:{httpPort}", "--FleetKeys:Cluster:Port", FreePort.Next().ToString(),
            "--FleetKeys:Management:Port", FreePort.Next().ToString(),
            "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(NodeApp.MasterSecret), .. extra,
        ]);
        var rig = new NodeWithController(node, controller, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") });
        try
        {
            node.Start();
            await Endpoint.AnswersOk(new Uri(rig.Anonymous.BaseAddress!, "/readyz"), TimeSpan.FromSeconds(90),
                () => node.HasExited ? $"the node exited:\n{node.Output}" : null);
            rig.Admin = new HttpClient { BaseAddress = rig.Anonymous.BaseAddress };
            var key = (await File.ReadAllTextAsync(Path.Combine(node.WorkingDirectory, "data", "admin.key"))).Trim();
            rig.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await rig.Register();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task Register()
    {
        var cabinet = Controller.Spec.Cabinets[0];
        await Send(HttpMethod.Post, "/api/v1/sites", new { id = Site, name = "Depot", timeZone = "Europe/Berlin" }, HttpStatusCode.Created);
        await Send(HttpMethod.Post, "/api/v1/controllers",
            new { id = Controller.ControllerId, host = SimulatedController.Host, port = Controller.Port, offlinePolicy = "allowCached" },
            HttpStatusCode.Created);
        await Send(HttpMethod.Post, "/api/v1/cabinets",
            new { id = CabinetId, siteId = Site, controllerId = Controller.ControllerId, busAddress = cabinet.BusAddress, slotCount = 2 },
            HttpStatusCode.Created);
        for (var slot = 1; slot <= 2; slot++)
            await Send(HttpMethod.Put, $"/api/v1/cabinets/{CabinetId}/slots/{slot}/key", new
            {
                keyId = $"{CabinetId}-k{slot}", name = $"Key {slot}", group = "general", criticality = slot == 1 ? "master" : "normal",
                tagId = cabinet.Tags[slot - 1].ToHex(),
            }, HttpStatusCode.OK);
        await Cabinet.WhenOnline(Within());
    }

    /// <summary>A person who may take any key here, with a badge of their own; named by their id unless a name is given.</summary>
    public async Task<SimulatedPerson> Person(string id, string? name = null, string? email = null)
    {
        var person = new SimulatedPerson(id, new ByteString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)), null);
        await Send(HttpMethod.Post, "/api/v1/people", new { id, name = name ?? id, email, maxKeys = 2 }, HttpStatusCode.Created);
        await Send(HttpMethod.Post, $"/api/v1/people/{id}/badges", new { badge = person.Badge.ToHex() }, HttpStatusCode.OK);
        await Send(HttpMethod.Put, $"/api/v1/people/{id}/entitlements", new[] { new { group = (string?)null } }, HttpStatusCode.OK);
        return person;
    }

    /// <summary>Badge, key choice, the key out of its slot: returns once the node has recorded the take.</summary>
    public async Task Take(SimulatedPerson person, byte slot)
    {
        Cabinet.PresentBadge(person.Badge);
        await Cabinet.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), Within());
        Cabinet.SelectKey(slot);
        await Cabinet.WhenUnlocked(slot, Within());
        Assert.True(Cabinet.TakeKey(slot));
        await Cabinet.WhenAllEventsAcknowledged(Within());
    }

    /// <summary>The key back in its own slot: returns once the node has recorded the return.</summary>
    public async Task Return(byte slot)
    {
        Assert.True(Cabinet.ReturnKey(slot, Cabinet.Slot(slot).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(Within());
    }

    public async Task<JsonElement> Send(HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        return await (await Admin.SendAsync(request)).Read<JsonElement>(expected);
    }

    /// <summary>SIGTERM, as an operator stops a node; the node's whole output once it has exited.</summary>
    public async Task<string> Stop()
    {
        await Node.Stop();
        return Node.Output;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Controller.DisposeAsync();
        Admin?.Dispose();
        Anonymous.Dispose();
    }
}
