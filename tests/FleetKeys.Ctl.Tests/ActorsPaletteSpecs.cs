using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

[Collection(SingleNodeCollection.Name)]
public sealed class ActorsPaletteSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task The_hierarchy_shows_user_and_system_to_the_depth_asked()
    {
        var run = await Node.Ctl("actors", "hierarchy", "--depth", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        var paths = run.Json.GetProperty("actors").EnumerateArray().Select(a => a.GetProperty("path").GetString()!).ToList();
        Assert.Equal("/user", paths[0]);
        Assert.Contains("/system", paths);
        Assert.Contains("/system/sharding", paths);
        Assert.All(paths, p => Assert.True(p.Count(c => c == '/') <= 2, $"{p} is deeper than asked"));
    }

    [Fact]
    public async Task The_hierarchy_starts_at_a_path_and_indents_children_under_it()
    {
        var run = await Node.Ctl("actors", "hierarchy", "--path", "/system/sharding", "--depth", "1");
        var missing = await Node.Ctl("actors", "hierarchy", "--path", "/user/nobody");
        var tooDeep = await Node.Ctl("actors", "hierarchy", "--depth", "99");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["/system/sharding"], run.Row("/system/sharding").Take(1));
        Assert.Equal(["site", "/system/sharding/site"], run.Row("  site").Where((_, i) => i != 1));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no actor at /user/nobody on this node", missing.Error);
        Assert.Equal(2, tooDeep.ExitCode);
        Assert.Contains("depth: must be a whole number from 1 to 10", tooDeep.Error);
    }
}
