using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

/// <summary>"fleetctl access": the node's permissions and the permission sets, defined and removed by admins only.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class AccessPaletteSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task An_admin_lists_the_permissions_defines_a_set_sees_it_listed_and_removes_it()
    {
        var set = $"desk-{Guid.NewGuid():N}"[..16];

        var permissions = await Node.Ctl("access", "permissions", "--json");
        var defined = await Node.Ctl("access", "define-set", set, "history.read, custody.read", "--json");
        var listed = await Node.Ctl("access", "sets");
        var removed = await Node.Ctl("access", "remove-set", set);
        var again = await Node.Ctl("access", "remove-set", set);

        Assert.Contains(permissions.Json.EnumerateArray(), p => p.GetProperty("permission").GetString() == "commands.release");
        Assert.Equal(["custody.read", "history.read"], defined.Json.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Matches($@"{set}\s+custody\.read, history\.read\s+bootstrap-admin", listed.Out);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task A_set_naming_a_permission_that_does_not_exist_is_refused_naming_it()
    {
        var run = await Node.Ctl("access", "define-set", "bad-desk", "custody.read,custody.release");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("custody.release", run.Out + run.Error);
    }

    [Fact]
    public async Task Only_admins_see_or_change_permission_sets()
    {
        var sets = await Node.CtlAs(Keys.Operator, "access", "sets");
        var define = await Node.CtlAs(Keys.Operator, "access", "define-set", "ops-desk", "custody.read");

        Assert.Equal(3, sets.ExitCode);
        Assert.Equal(3, define.ExitCode);
    }
}
