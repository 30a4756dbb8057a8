using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

[Collection(SingleNodeCollection.Name)]
public sealed class LogPaletteSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task Recent_shows_the_nodes_own_lines_at_a_level_or_above()
    {
        // A change is logged with who made it; this one changes nothing (the node is a member already). Only the node's
        // own lines are asserted: Akka's go through Serilog's static logger, which another node in this process may own.
        var join = await Node.Ctl("cluster", "join", Node.Address);
        // Logged as it is asked, before the node finds no such person: who revoked whom, and not the reason, free text
        // about a person that the audit keeps with the fact (docs/operations.md, "Logs").
        await Node.Ctl("people", "revoke", "p-nobody", "--reason", "seen with Dora Quist", "--yes");

        var information = await Node.Ctl("log", "recent", "--level", "information", "--count", "1000", "--json");
        var warnings = await Node.Ctl("log", "recent", "warning", "--json");
        var last = await Node.Ctl("log", "recent", "--count", "1");
        var table = await Node.Ctl("log", "recent");
        var wrong = await Node.Ctl("log", "recent", "--level", "loud");

        Assert.Equal(0, join.ExitCode);
        var lines = information.Json.EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("message").GetString()!.StartsWith($"Management port for fleetctl on {Node.Management}"));
        Assert.Contains(lines, l => l.GetProperty("message").GetString() == $"fleetctl cluster join address={Node.Address} by bootstrap-admin"
                                    && l.GetProperty("source").GetString() == "FleetKeys.Management");
        Assert.Contains(lines, l => l.GetProperty("message").GetString() == "fleetctl people revoke reason=(text) person=p-nobody by bootstrap-admin");
        Assert.DoesNotContain(lines, l => l.GetProperty("message").GetString()!.Contains("Dora", StringComparison.Ordinal));
        Assert.All(warnings.Json.EnumerateArray(), l => Assert.Contains(l.GetProperty("level").GetString(), new[] { "warning", "error", "critical" }));
        Assert.Equal(2, last.Lines.Count(l => l.Length > 0));
        Assert.Equal(["TIME", "LEVEL", "SOURCE", "MESSAGE", "EXCEPTION"], table.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("level: must be verbose, debug, information, warning, error or fatal", wrong.Error);
    }
}
