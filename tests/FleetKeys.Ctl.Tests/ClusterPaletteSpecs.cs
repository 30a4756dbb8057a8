using Akka.Cluster;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests;

/// <summary>
/// Three nodes on loopback sharing one SQLite journal: two in this process, the third a process of its own so it can be
/// killed outright. Every node answers the cluster palette the same way.
/// </summary>
public sealed class ClusterPaletteSpecs : IAsyncLifetime
{
    private static readonly TimeSpan FailureDetection = TimeSpan.FromSeconds(30);

    private readonly SqliteTestDatabase _database = new();
    private readonly List<CtlNode> _inProcess = [];
    private CtlNode _first = null!;
    private CtlNode _second = null!;
    private NodeOptions _thirdOptions = null!;
    private NodeProcess _third = null!;
    private CtlNode _fourth = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var folder = _database.Settings.DataFolder;
        var seed = new NodeOptions(folder, FreePort.Next(), DownByHandOnly: true);
        _first = await Start(seed with { Seeds = [seed.ClusterAddress] });
        _thirdOptions = seed with { ClusterPort = FreePort.Next(), Seeds = [seed.ClusterAddress], ManagementPort = FreePort.Next() };
        _third = new NodeProcess(_thirdOptions.Arguments());
        _third.Start();
        _second = await Start(seed with { ClusterPort = FreePort.Next(), Seeds = [seed.ClusterAddress] });
        // A fourth node, for "join": its only seed is dead, so it waits to be told whom to join.
        _fourth = await Start(seed with { ClusterPort = FreePort.Next(), Seeds = [$"akka.tcp://fleetkeys@127.0.0.1:{FreePort.Next()}"] },
            waitUntilUp: false);
        await Eventually.Holds(() =>
        {
            Assert.True(Akka.Cluster.Cluster.Get(_first.System).State.Members.Count(m => m.Status == MemberStatus.Up) == 3, _third.Output);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(90));
    }

    private async Task<CtlNode> Start(NodeOptions options, bool waitUntilUp = true)
    {
        var node = await CtlNode.Start(options, waitUntilUp: waitUntilUp);
        _inProcess.Add(node);
        return node;
    }

    private string ThirdManagement => $"127.0.0.1:{_thirdOptions.ManagementPort}";

    public async Task DisposeAsync()
    {
        _third.Dispose();
        foreach (var node in _inProcess) await node.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>One story, in order: every node agrees on the cluster, then its membership is changed in each way there is.</summary>
    [Fact]
    public async Task The_cluster_palette_reads_and_changes_the_membership()
    {
        await Every_node_shows_the_same_members_leader_and_health();
        await Membership_changes_by_join_leave_down_unreachable_and_down();
    }

    /// <summary>Gossip takes a moment to converge after the third node joins; until then nodes may disagree on member status.</summary>
    private Task Every_node_shows_the_same_members_leader_and_health() =>
        FleetKeys.Testing.Eventually.Holds(Every_node_agrees, TimeSpan.FromSeconds(30));

    private async Task Every_node_agrees()
    {
        string[] nodes = [_first.Management, _second.Management, ThirdManagement];
        var shows = await Task.WhenAll(nodes.Select(n => FleetctlProcess.Run(n, Keys.Auditor, null, ["cluster", "show", "--json"])));
        var statuses = await Task.WhenAll(nodes.Select(n => FleetctlProcess.Run(n, Keys.Auditor, null, ["cluster", "status"])));
        var leader = await FleetctlProcess.Run(ThirdManagement, Keys.Auditor, null, ["cluster", "leader"]);

        var members = new[] { _first.Address, _second.Address, _thirdOptions.ClusterAddress }.Order().ToList();
        var leaderAddress = shows[0].Json.GetProperty("leader").GetString();
        Assert.Contains(leaderAddress, members);
        Assert.All(shows, show =>
        {
            Assert.Equal(0, show.ExitCode);
            Assert.Equal(members, show.Json.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString()).Order());
            Assert.All(show.Json.GetProperty("members").EnumerateArray(), m => Assert.Equal("Up", m.GetProperty("status").GetString()));
            Assert.Equal(leaderAddress, show.Json.GetProperty("leader").GetString());
        });
        Assert.All(statuses, status =>
        {
            Assert.Equal(["status:", "Up"], status.Row("status:"));
            Assert.Equal(["members:", "3"], status.Row("members:"));
            Assert.Equal(["unreachable:", "0"], status.Row("unreachable:"));
            Assert.Equal(status.Row("self:")[1] == leaderAddress ? "yes" : "no", status.Row("is leader:")[1]);
        });
        Assert.Equal($"leader: {leaderAddress}", leader.Lines[0]);
    }

    private async Task Membership_changes_by_join_leave_down_unreachable_and_down()
    {
        // The fourth node's only seed is dead: it joins when told to.
        var join = await _fourth.Ctl("cluster", "join", _first.Address);
        Assert.Equal(0, join.ExitCode);
        Assert.Equal($"{_fourth.Address} is joining the cluster at {_first.Address}", join.Lines[0]);
        await Eventually.Holds(async () => Assert.Equal("Up", Member(await Show(), _fourth.Address)), FailureDetection);
        var elsewhere = await _first.Ctl("cluster", "join", "akka.tcp://fleetkeys@127.0.0.1:1");
        Assert.Equal(1, elsewhere.ExitCode);
        Assert.Contains("this node is a member of a cluster already", elsewhere.Error);

        // The third crashes; once it is unreachable, the operator downs every unreachable member (the split-brain
        // resolver is held back in this cluster, so it is the operator's command that does it).
        _third.Kill();
        await Eventually.Holds(async () => Assert.False(Reachable(await Show(), _thirdOptions.ClusterAddress)), FailureDetection);
        var downUnreachable = await _first.CtlTyping("yes\n", "cluster", "down-unreachable");
        Assert.Equal(0, downUnreachable.ExitCode);
        Assert.Equal("1 unreachable member(s) marked down", downUnreachable.Lines[0]);
        Assert.Equal(["addresses:", _thirdOptions.ClusterAddress], downUnreachable.Row("addresses:"));
        await Eventually.Holds(async () => Assert.Contains(Member(await Show(), _thirdOptions.ClusterAddress), Gone("Down")));
        var noneLeft = await _first.Ctl("cluster", "down-unreachable", "--yes");
        Assert.Equal("no member is unreachable", noneLeft.Lines[0]);

        // The fourth leaves gracefully, asked through the first.
        var leave = await _first.Ctl("cluster", "leave", _fourth.Address, "--yes");
        Assert.Equal(0, leave.ExitCode);
        Assert.Equal($"{_fourth.Address} is leaving the cluster", leave.Lines[0]);
        await Eventually.Holds(async () => Assert.Contains(Member(await Show(), _fourth.Address), Gone("Leaving", "Exiting")));

        // The second is downed by hand; a stranger cannot be.
        var stranger = await _first.Ctl("cluster", "down", "akka.tcp://fleetkeys@127.0.0.1:1", "--yes");
        Assert.Equal(1, stranger.ExitCode);
        Assert.Contains("akka.tcp://fleetkeys@127.0.0.1:1 is not a member of this cluster", stranger.Error);
        var down = await _first.Ctl("cluster", "down", _second.Address, "--yes");
        Assert.Equal(0, down.ExitCode);
        Assert.Equal($"{_second.Address} is marked down", down.Lines[0]);
        await Eventually.Holds(async () => Assert.Contains(Member(await Show(), _second.Address), Gone("Down")));
    }

    private async Task<CtlRun> Show() => await _first.Ctl("cluster", "show", "--json");

    private static bool? Reachable(CtlRun show, string address) =>
        show.Json.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("address").GetString() == address)
            .Select(m => (bool?)m.GetProperty("reachable").GetBoolean()).FirstOrDefault();

    /// <summary>The statuses that show a change took: the member on its way out, or already removed (null).</summary>
    private static string?[] Gone(params string[] statuses) => [null, .. statuses];

    private static string? Member(CtlRun show, string address) =>
        show.Json.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("address").GetString() == address)
            .Select(m => m.GetProperty("status").GetString()).FirstOrDefault();
}
