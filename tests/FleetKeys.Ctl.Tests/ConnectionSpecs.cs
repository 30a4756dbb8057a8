using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests;

/// <summary>Reaching the node, proving who you are, and being told clearly when either fails — or when the line is wrong.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class ConnectionSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task An_unreachable_node_exits_3_and_says_where_it_looked()
    {
        var port = FreePort.Next();

        var run = await FleetctlProcess.Run($"127.0.0.1:{port}", Keys.Admin, null, ["cluster", "show"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"cannot reach a FleetKeys node's management port at 127.0.0.1:{port}", run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_exits_3_and_says_which()
    {
        var wrong = await Node.CtlAs("fk_not_a_key", "cluster", "show");
        var missing = await FleetctlProcess.Run(Node.Management, null, null, ["cluster", "show"]);

        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("the node refused the API key", wrong.Error);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no API key: set FLEETCTL_TOKEN, or --token-file", missing.Error);
    }

    [Fact]
    public async Task The_token_is_read_from_a_file_or_from_the_nodes_own_key_file()
    {
        var folder = Directory.CreateTempSubdirectory("fleetctl-token-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(folder, "data", "admin.key"), Keys.Admin + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "auditor.key"), Keys.Auditor + "\n");

        var fromFile = await FleetctlProcess.Run(Node.Management, null, null, ["--token-file", Path.Combine(folder, "auditor.key"), "cluster", "leader"]);
        var fromNodeKey = await FleetctlProcess.Run(Node.Management, null, null, ["help"], workingDirectory: folder);
        var unreadable = await FleetctlProcess.Run(Node.Management, null, null, ["--token-file", Path.Combine(folder, "none.key"), "cluster", "leader"]);

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Contains("you are bootstrap-admin, admin", fromNodeKey.Out);
        Assert.Equal(3, unreadable.ExitCode);
        Assert.Contains("cannot read the token file", unreadable.Error);
    }

    [Fact]
    public async Task An_auditor_reads_but_may_not_change_and_is_told_before_any_question()
    {
        var read = await Node.CtlAs(Keys.Auditor, "cluster", "status");
        var down = await Node.CtlAs(Keys.Auditor, "cluster", "down", Node.Address);
        var join = await Node.CtlAs(Keys.Operator, "cluster", "join", Node.Address);

        Assert.Equal(0, read.ExitCode);
        Assert.Equal(3, down.ExitCode);
        Assert.Contains("'cluster down' needs the admin role; this API key is auditor", down.Error);
        Assert.DoesNotContain("Type 'yes'", down.Error);
        Assert.Equal(3, join.ExitCode);
        Assert.Contains("needs the admin role; this API key is operator", join.Error);
    }

    [Fact]
    public async Task Mistakes_on_the_command_line_exit_2_with_what_is_expected()
    {
        var palette = await Node.Ctl("weather", "today");
        var command = await Node.Ctl("cluster", "shutdown");
        var noCommand = await Node.Ctl("cluster");
        var missing = await Node.Ctl("cluster", "down", "--yes");
        var extra = await Node.Ctl("cluster", "leader", "now");
        var unknownOption = await Node.Ctl("log", "recent", "--colour", "red");
        var badNode = await FleetctlProcess.Run("127.0.0.1:9110/x", Keys.Admin, null, ["cluster", "show"]);
        var refusedByNode = await Node.Ctl("cluster", "join", "not-an-address");

        Assert.All([palette, command, noCommand, missing, extra, unknownOption, badNode, refusedByNode], r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("this node serves no palette 'weather'; it serves: access, actors, alarms, audit, cluster, custody, fleet, log, node, people, sharding",
            palette.Error);
        Assert.Contains("'cluster' has no command 'shutdown'; it has: show, status, leader, join, leave, down, down-unreachable", command.Error);
        Assert.Contains("'cluster' needs a command", noCommand.Error);
        Assert.Contains("'down' needs <address>", missing.Error);
        Assert.Contains("'leader' does not take 'now'", extra.Error);
        Assert.Contains("'recent' has no argument --colour", unknownOption.Error);
        Assert.Contains("the node must be given as host:port", badNode.Error);
        Assert.Contains("address: must be an Akka address", refusedByNode.Error);
    }

    [Fact]
    public async Task Help_lists_the_palettes_the_node_serves_and_each_palettes_commands()
    {
        var overview = await Node.Ctl("help");
        var palette = await Node.Ctl("help", "cluster");
        var command = await Node.Ctl("cluster", "down", "--help");

        Assert.Equal(0, overview.ExitCode);
        Assert.Contains("usage: fleetctl", overview.Out);
        Assert.Equal(["sharding", "entity types, shards and where an entity lives"], overview.Row("  sharding"));
        Assert.Contains("  cluster down <address>   [admin, asks to confirm]", palette.Lines);
        Assert.Contains("  cluster show", palette.Lines);
        Assert.Equal(0, command.ExitCode);
        Assert.DoesNotContain("cluster show", command.Out);
        Assert.Contains("      address: a member's address, e.g. akka.tcp://fleetkeys@127.0.0.1:4053", command.Lines);
    }
}
