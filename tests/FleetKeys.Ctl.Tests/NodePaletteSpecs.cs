using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

[Collection(SingleNodeCollection.Name)]
public sealed class NodePaletteSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task Uptime_names_the_node_and_counts_from_its_start()
    {
        var run = await Node.Ctl("node", "uptime", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Node.Address, run.Json.GetProperty("node").GetString());
        Assert.InRange(run.Json.GetProperty("startedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow);
        Assert.Matches(@"^\d+d \d\d:\d\d:\d\d$", run.Json.GetProperty("uptime").GetString());
    }

    [Fact]
    public async Task Version_gives_the_builds_of_fleetkeys_akka_and_dotnet()
    {
        var run = await Node.Ctl("node", "version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("1.", run.Row("fleet keys:")[1]);
        Assert.StartsWith(typeof(Akka.Actor.ActorSystem).Assembly.GetName().Version!.ToString(3), run.Row("akka:")[1]);
        Assert.StartsWith(".NET 10", run.Row("runtime:")[1]);
    }

    [Fact]
    public async Task Config_shows_the_effective_settings_with_every_secret_masked()
    {
        var run = await Node.Ctl("node", "config");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["listening:management", Node.Management], run.Row("listening:management"));
        Assert.Equal(["FleetKeys:Management:Host", "127.0.0.1"], run.Row("FleetKeys:Management:Host"));
        Assert.Equal(["FleetKeys:Api:BootstrapAdminKey", "***"], run.Row("FleetKeys:Api:BootstrapAdminKey"));
        Assert.Equal(["FleetKeys:Hardware:MasterSecret", "***"], run.Row("FleetKeys:Hardware:MasterSecret"));
        Assert.Equal(["FleetKeys:Api:Keys:0:Sha256", "***"], run.Row("FleetKeys:Api:Keys:0:Sha256"));
        Assert.Equal(["FleetKeys:Api:Keys:0:Role", "operator"], run.Row("FleetKeys:Api:Keys:0:Role"));
        Assert.DoesNotContain(Keys.Admin, run.Out);
        Assert.DoesNotContain(Convert.ToBase64String(Keys.MasterSecret), run.Out);
    }
}
