using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;
using Npgsql;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// Three node processes on loopback sharing one PostgreSQL database, a simulated fleet in this process, and simulated
/// people keeping it busy: the stage on which the fault specs kill, freeze and restart nodes.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string AdminKey = "fk_fault_suite_admin";
    private static readonly byte[] MasterSecret = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    private readonly TestDatabase _database;
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-faults-").FullName;
    private ActivityScript? _activity;

    private FaultRig(TestDatabase database, SimulatedFleet fleet)
    {
        _database = database;
        Fleet = fleet;
        if (database.Settings.Provider == DatabaseProvider.Postgres)
            DatabaseLink = new TcpRelay(new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString).Port);
    }

    /// <summary>
    /// Every node reaches PostgreSQL through this relay, so a spec can take the database away from the whole cluster: a cut
    /// resets every open connection and refuses new ones, which is what the nodes see of a stopped server.
    /// </summary>
    public TcpRelay? DatabaseLink { get; }

    public List<ClusterNode> Nodes { get; } = [];
    public SimulatedFleet Fleet { get; }
    public IEnumerable<SimulatedCabinet> Cabinets => Fleet.Cabinets;
    public IReadOnlyList<SimulatedPerson> People { get; } = SimulatedPerson.Generate(24);

    /// <summary>Failure detection and downing tuned short, so a run takes seconds; the mechanism is the production one.</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Longer than production's 3 s: on a loaded two-core runner a restarting node's heartbeats were seen 2.7 s late, and
    /// the cluster downed it while it joined.
    /// </summary>
    private static readonly TimeSpan HeartbeatPause = TimeSpan.FromSeconds(6);

    public static async Task<FaultRig> StartAsync(TestDatabase database, int nodes = 3, FleetLayout? layout = null)
    {
        await database.InitializeAsync();
        var fleet = new SimulatedFleet(layout ?? new FleetLayout(6, 1, 4), MasterSecret, TimeProvider.System);
        await fleet.StartAsync();
        var rig = new FaultRig(database, fleet);
        try
        {
            var ports = Enumerable.Range(0, nodes).Select(_ => (Http: FreePort.Next(), Cluster: FreePort.Next())).ToList();
            for (var i = 0; i < nodes; i++) rig.Nodes.Add(rig.NewNode(i, ports[i].Http, ports[i].Cluster, ports));
            foreach (var node in rig.Nodes) node.Start();
            foreach (var node in rig.Nodes) await node.WaitUntilReady(TimeSpan.FromSeconds(90));
            await HttpFleet.Register(rig.Nodes[0].Client(AdminKey), fleet.Describe(), rig.People);
            foreach (var cabinet in fleet.Cabinets) await cabinet.WhenOnline(Within(60));
            return rig;
        }
        catch
        {
            // The test class never gets the rig to dispose: the nodes already started would outlive the suite.
            await rig.DisposeAsync();
            throw;
        }
    }

    private ClusterNode NewNode(int index, int http, int cluster, IReadOnlyList<(int Http, int Cluster)> all)
    {
        var settings = _database.Settings;
        var connectionString = DatabaseLink is null
            ? settings.ConnectionString ?? ""
            : new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Port = DatabaseLink.Port }.ConnectionString;
        var seeds = all.Take(2).SelectMany((node, i) =>
            (string[])[$"--FleetKeys:Cluster:SeedNodes:{i}", $"akka.tcp://fleetkeys@127.0.0.1:{node.Cluster}"]);
        return new ClusterNode(index, http, cluster, FreePort.Next(),
        [
            "--urls", $"http://127.0.0.1:{http}",
            "--FleetKeys:Cluster:Port", cluster.ToString(),
            .. seeds,
            "--FleetKeys:Cluster:DownUnreachableAfter", DownAfter.ToString(),
            "--FleetKeys:Cluster:HeartbeatPause", HeartbeatPause.ToString(),
            "--FleetKeys:Persistence:Provider", settings.Provider.ToString(),
            "--FleetKeys:Persistence:ConnectionString", connectionString,
            "--FleetKeys:Persistence:DataFolder", DataFolder(index),
            "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(MasterSecret),
            "--FleetKeys:Api:BootstrapAdminKey", AdminKey,
            "--FleetKeys:Logging:Level", "Warning",
        ]);
    }

    /// <summary>Where node <paramref name="index"/> keeps its embedded store (SQLite); a spec may replace what is in it between runs.</summary>
    public string DataFolder(int index) => Path.Combine(_folder, $"node{index}");

    /// <summary>
    /// Starts node <paramref name="index"/> again on its HTTP port and data folder, as a new member at a new cluster address
    /// that joins through the others, once its old process is gone and the others have let it go; returns once every node
    /// sees every member up. A new incarnation on the old address was downed twice as "indirectly connected" while it
    /// joined (seen heartbeat-less by one old member and not the other), even after the others had removed the old one:
    /// remoting still held the old association. A fresh address is also what a restarted pod gets.
    /// </summary>
    public async Task Restart(int index)
    {
        var old = Nodes[index];
        var others = Nodes.Where(n => n != old).Select(n => (n.HttpPort, n.ClusterPort)).ToList();
        var restarted = NewNode(index, old.HttpPort, FreePort.Next(), others);
        await old.DisposeAsync();
        await Converged([.. Nodes.Where(n => n != old)]);
        Nodes[index] = restarted;
        restarted.Start();
        await restarted.WaitUntilReady(TimeSpan.FromSeconds(90));
        await Converged(Nodes);
    }

    /// <summary>
    /// The rig as a spec that ends with every node running found it: the simulated people stopped, the database link up, a
    /// node that exited started again, every member up, every cabinet online with its log uploaded. Throws when it cannot.
    /// </summary>
    public async Task Heal()
    {
        _activity?.Stop();
        DatabaseLink?.Resume();
        for (var i = 0; i < Nodes.Count; i++)
            if (Nodes[i].HasExited) await Restart(i);
        await Converged(Nodes);
        foreach (var cabinet in Cabinets) await cabinet.WhenOnline(Within(60));
        await WhenAllEventsAcknowledged(TimeSpan.FromSeconds(60));
    }

    /// <summary>Every one of <paramref name="members"/> sees exactly them, all up.</summary>
    private static Task Converged(IReadOnlyList<ClusterNode> members) =>
        Eventually.Holds(async () =>
        {
            var expected = members.Select(m => (m.Address, "Up")).Order().ToList();
            foreach (var node in members) Assert.Equal(expected, (await node.Members(AdminKey)).Order());
        }, TimeSpan.FromSeconds(60));

    public static CancellationToken Within(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public void StartActivity() =>
        (_activity = new ActivityScript(Cabinets, People, TimeProvider.System,
            new ActivityOptions { VisitsPerSecond = 4, HoldTime = TimeSpan.FromSeconds(2), Patience = TimeSpan.FromSeconds(3), MaxVisits = 10_000 }))
        .Start();

    public ActivityStats Activity => _activity!.Stats;

    public ActivityStats StopActivity()
    {
        _activity!.Stop();
        return _activity.Stats;
    }

    public ClusterNode Alive => Nodes.First(n => !n.HasExited);

    /// <summary>Which node drives each controller, as the drivers themselves report it.</summary>
    public async Task<Dictionary<string, string?>> DriversByController(ClusterNode via)
    {
        var api = via.Client(AdminKey);
        var result = new Dictionary<string, string?>();
        foreach (var controller in Fleet.Controllers)
        {
            var driver = (await HttpFleet.Get(api, $"/api/v1/controllers/{controller.ControllerId}")).GetProperty("driver");
            result[controller.ControllerId] = driver.GetProperty("connected").GetBoolean() ? driver.GetProperty("node").GetString() : null;
        }

        return result;
    }

    /// <summary>
    /// After the dust settles: every event every cabinet logged was acknowledged (so persisted), each key's custody
    /// agrees with where it physically is — in a cabinet (its home slot, or the slot its custody says it was put back
    /// into) or out — and no slot's history has a take or a return twice in a row.
    /// </summary>
    public async Task AssertNothingLostOrDoubled(ClusterNode via)
    {
        await WhenAllEventsAcknowledged(TimeSpan.FromSeconds(60));
        var api = via.Client(AdminKey);
        var sitting = Cabinets.SelectMany(c => Enumerable.Range(1, c.SlotCount).Select(n => (Cabinet: c.CabinetId, Slot: n, c.Slot((byte)n).Tag)))
            .Where(s => s.Tag is not null).ToDictionary(s => s.Tag!.Value, s => $"{s.Cabinet}/{s.Slot}");
        foreach (var cabinet in Cabinets)
        for (var slot = 1; slot <= cabinet.SlotCount; slot++)
        {
            var home = cabinet.Slot((byte)slot).HomeTag;
            var custody = await HttpFleet.Get(api, $"/api/v1/cabinets/{cabinet.CabinetId}/slots/{slot}");
            var status = custody.GetProperty("status").GetString();
            var where = sitting.GetValueOrDefault(home);
            Assert.True(where is not null ? status is "inSlot" or "released" : status is "out" or "missing",
                $"{cabinet.CabinetId}/{slot}: physically {(where is null ? "out" : $"in {where}")}, custody says {status}");
            if (where is not null)
            {
                var placedIn = custody.TryGetProperty("placedIn", out var placed) && placed.ValueKind == JsonValueKind.String ? placed.GetString() : null;
                Assert.Equal(where == $"{cabinet.CabinetId}/{slot}" ? null : where, placedIn);
            }
            var history = (await SlotHistory(api, cabinet, slot)).Where(t => t is "keyslot.taken.v1" or "keyslot.forcibly-removed.v1" or "keyslot.returned.v1").ToList();
            for (var i = 1; i < history.Count; i++)
                Assert.True((history[i] == "keyslot.returned.v1") != (history[i - 1] == "keyslot.returned.v1"),
                    $"{cabinet.CabinetId}/{slot}: {history[i - 1]} followed by {history[i]}");
        }
    }

    /// <summary>Every cabinet's log emptied by its driver; a failure says which cabinets still wait and what the nodes logged.</summary>
    public async Task WhenAllEventsAcknowledged(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await Task.WhenAll(Cabinets.Select(c => c.WhenAllEventsAcknowledged(deadline.Token)));
        }
        catch (OperationCanceledException)
        {
            var waiting = string.Join(", ", Cabinets.Where(c => c.PendingEventCount > 0).Select(c => $"{c.CabinetId} ({c.PendingEventCount})"));
            var logs = string.Join("\n", Nodes.Select(n => $"--- node {n.Index}, last lines:\n{string.Join('\n', n.Output.Split('\n').TakeLast(120))}"));
            Assert.Fail($"events still unacknowledged {within.TotalSeconds:F0} s after recovery: {waiting}\n{logs}");
        }
    }

    /// <summary>The node whose shard region hosts an entity, as the sharding coordinator tells it.</summary>
    public static async Task<string?> HostOf(ClusterNode via, string entityType, string id)
    {
        using var management = via.ManagementClient(AdminKey);
        var response = await management.PostAsJsonAsync("/mgmt/v1/commands/sharding/locate",
            new { arguments = new Dictionary<string, string> { ["type"] = entityType, ["id"] = id } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("node").GetString();
    }

    /// <summary>Long enough for the key to be out before a fault, short enough to fall due while the cluster recovers.</summary>
    public static readonly TimeSpan DueIn = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Someone outside the simulated crowd takes the key of slot 1 with a return-by time <see cref="DueIn"/> from now:
    /// a deadline held by whichever node hosts the cabinet.
    /// </summary>
    public async Task<LateKey> TakeKeyDueSoon(SimulatedCabinet cabinet)
    {
        var api = Alive.Client(AdminKey);
        var latecomer = SimulatedPerson.Generate(People.Count + 1)[^1];
        await HttpFleet.Register(api, latecomer);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById(HttpFleet.TimeZone);
        var returnBy = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + DueIn, berlin).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        await HttpFleet.AssignKey(api, cabinet.Spec, 1, returnBy);
        var welcome = cabinet.WhenText(t => t.StartsWith("Welcome", StringComparison.Ordinal), Within(20));
        cabinet.PresentBadge(latecomer.Badge);
        await welcome;
        cabinet.SelectKey(1);
        await cabinet.WhenUnlocked(1, Within(20));
        Assert.True(cabinet.TakeKey(1), "the key of slot 1 could not be taken");
        var taken = Stopwatch.StartNew();
        await Eventually.Holds(async () => Assert.Equal("out",
            (await HttpFleet.Get(api, $"/api/v1/cabinets/{cabinet.CabinetId}/slots/1")).GetProperty("status").GetString()), TimeSpan.FromSeconds(20));
        return new LateKey(cabinet, taken);
    }

    /// <summary>Simulated people start their errands; returns once a few keys are out, so a fault finds custody in flight.</summary>
    public async Task StartBusyActivity()
    {
        StartActivity();
        await Eventually.Holds(() => Assert.True(Activity.Taken >= 3, $"{Activity}"), TimeSpan.FromSeconds(30));
    }

    /// <summary>The event types of a slot's custody history, oldest first.</summary>
    public static async Task<List<string?>> SlotHistory(HttpClient api, SimulatedCabinet cabinet, int slot) =>
        [.. (await HttpFleet.Get(api, $"/api/v1/cabinets/{cabinet.CabinetId}/slots/{slot}/history")).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString())];

    public async ValueTask DisposeAsync()
    {
        _activity?.Dispose();
        foreach (var node in Nodes) await node.DisposeAsync();
        await Fleet.DisposeAsync();
        if (DatabaseLink is not null) await DatabaseLink.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
