using FleetKeys.Cluster.Scopes;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Ctl.Tests;

/// <summary>"fleetctl me": the node says who the key is and what it holds; fleetctl re-implements no role.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class MeSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    [Fact]
    public async Task A_configured_key_is_shown_with_its_role_over_everything()
    {
        var run = await Node.Ctl("me");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bootstrap-admin (apiKey)", run.Out);
        Assert.Matches(@"admin\s+everything\s+configured", run.Out);
    }

    [Fact]
    public async Task A_grants_only_key_sees_its_runtime_grants_and_they_open_no_fleet_wide_command()
    {
        var granted = await Node.Service<AccessScopesClient>().Grant(AccessGrantId.New(), Principal.ApiKey("vans-desk"), AccessRoles.Operator, null,
            AccessScope.OfKeyGroups([new KeyGroup("vans")]), principalOnRecord: true, by: "spec");
        var id = Assert.Single(granted.Value!.GrantsOf(Principal.ApiKey("vans-desk"))).Id.Value;

        var me = await Node.CtlAs(Keys.VansDesk, "me");
        var json = await Node.CtlAs(Keys.VansDesk, "--json", "me");
        var fleetWide = await Node.CtlAs(Keys.VansDesk, "cluster", "status");

        Assert.Equal(0, me.ExitCode);
        Assert.Matches($@"operator\s+key groups vans\s+{id}", me.Out);
        Assert.Contains("\"keyGroups\": [", json.Out);
        Assert.Equal(3, fleetWide.ExitCode);
    }

    [Fact]
    public async Task A_key_holding_a_permission_set_sees_the_set_and_each_permission_it_comes_to_and_where()
    {
        var set = $"desk-{Guid.NewGuid():N}"[..16];
        var defined = await Node.Ctl("access", "define-set", set, "custody.read,commands.release");
        await Node.Service<AccessScopesClient>().Grant(AccessGrantId.New(), Principal.ApiKey("vans-desk"), null, set,
            AccessScope.OfKeyGroups([new KeyGroup("trucks")]), principalOnRecord: true, by: "spec");

        var me = await Node.CtlAs(Keys.VansDesk, "me");

        Assert.Equal(0, defined.ExitCode);
        Assert.Matches($@"set {set}\s+key groups trucks", me.Out);
        Assert.Matches(@"commands\.release\s+(.*; )?key groups trucks", me.Out);
        Assert.Matches(@"custody\.read\s+(.*; )?key groups trucks", me.Out);
    }

    [Fact]
    public async Task A_key_holding_nothing_may_still_ask_who_it_is()
    {
        var run = await Node.CtlAs(Keys.NewDesk, "me");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("new-desk (apiKey)", run.Out);
        Assert.Contains("no grants", run.Out);
    }
}
