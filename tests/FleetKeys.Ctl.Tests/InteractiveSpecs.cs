using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

/// <summary>The interactive mode, driven as a script would drive it: lines on standard input.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class InteractiveSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task A_session_runs_each_line_until_exit()
    {
        var run = await Node.CtlTyping("cluster leader\n\nhelp\nnode uptime --json\nexit\ncluster show\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"fleetctl: connected to {Node.Address} at {Node.Management} as bootstrap-admin (admin)", run.Error);
        Assert.Equal($"leader: {Node.Address}", run.Lines[0]);
        Assert.Contains("palettes served by", run.Out);
        Assert.Contains($"\"node\": \"{Node.Address}\"", run.Out);
        Assert.DoesNotContain("members (", run.Out);
    }

    [Fact]
    public async Task A_session_ends_with_the_code_of_its_last_failure_and_confirms_from_its_own_input()
    {
        var run = await Node.CtlTyping($"bogus\ncluster down {Node.Address}\nno\ncluster status\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("serves no palette 'bogus'", run.Error);
        Assert.Contains("not confirmed; nothing was done", run.Error);
        Assert.Equal(["status:", "Up"], run.Row("status:"));
    }
}
