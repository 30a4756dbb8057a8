using FleetKeys.Domain.Scopes;

namespace FleetKeys.Domain.Tests;

/// <summary>
/// Named permission sets beside the role presets: defined only from the node's vocabulary, granted over a scope like a role,
/// removed only once no grant holds them; every change names who made it.
/// </summary>
public class PermissionSetsTests
{
    private static readonly string[] Known = ["custody.read", "history.read", "people.read", "commands.release", "configuration.configure"];
    private static readonly Principal Desk = Principal.ApiKey("desk");

    private static AccessScopesState Run(AccessScopesState state, params AccessScopesCommand[] commands) =>
        commands.Aggregate(state, (s, c) => s.Decide(c).Accepted().Aggregate(s, (t, e) => t.Apply(e)));

    private static DefinePermissionSet Define(string name, params string[] permissions) => new(name, permissions, Known, "admin", T0);

    private static GrantRole GrantSet(string set, AccessGrantId? id = null) =>
        new(id ?? AccessGrantId.New(), Desk, null, AccessScope.OfSite(new SiteId("harbour")), true, true, "admin", T0, set);

    private static AccessScopesState KeyDesk() =>
        Run(AccessScopesState.Empty, Define("key-desk", "people.read", "custody.read", "history.read", "commands.release", "custody.read"));

    [Fact]
    public void A_set_is_defined_with_its_permissions_sorted_once_and_who_defined_it()
    {
        var defined = Assert.IsType<PermissionSetDefined>(Assert.Single(AccessScopesState.Empty.Decide(Define("key-desk", "people.read", "custody.read", "people.read")).Accepted()));

        Assert.Equal(["custody.read", "people.read"], defined.Permissions);
        Assert.Equal("admin", AccessScopesState.Empty.Apply(defined).FindSet("key-desk")!.DefinedBy);
    }

    [Fact]
    public void Defining_a_set_again_replaces_its_permissions_and_the_same_ones_record_nothing()
    {
        var state = Run(KeyDesk(), Define("key-desk", "custody.read"));

        Assert.Equal(["custody.read"], state.FindSet("key-desk")!.Permissions);
        state.Decide(Define("key-desk", "custody.read")).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_set_naming_a_permission_that_does_not_exist_is_refused_naming_it()
    {
        var refused = AccessScopesState.Empty.Decide(Define("key-desk", "custody.read", "custody.release")).Rejected(RejectionCode.Invalid);

        Assert.Equal("permissions", refused.Field);
        Assert.Contains("'custody.release'", refused.Message);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("key desk", "name")]
    [InlineData("key-desk", "permissions")]
    public void A_set_needs_a_name_usable_in_a_url_and_at_least_one_permission(string name, string field) =>
        Assert.Equal(field, AccessScopesState.Empty.Decide(Define(name)).Rejected(RejectionCode.Invalid).Field);

    [Fact]
    public void A_grant_holds_a_set_over_a_scope_instead_of_a_role()
    {
        var state = Run(KeyDesk(), GrantSet("key-desk"));

        var grant = Assert.Single(state.GrantsOf(Desk));
        Assert.Equal((null, "key-desk"), (grant.Role, grant.PermissionSet));
        state.Decide(GrantSet("key-desk")).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void A_grant_of_a_set_that_does_not_exist_or_of_both_a_role_and_a_set_is_refused()
    {
        Assert.Equal("permissionSet", KeyDesk().Decide(GrantSet("night-desk")).Rejected(RejectionCode.NotFound).Field);
        Assert.Equal("role", KeyDesk().Decide(GrantSet("key-desk") with { Role = AccessRoles.Operator }).Rejected(RejectionCode.Invalid).Field);
        Assert.Equal("role", KeyDesk().Decide(GrantSet("key-desk") with { PermissionSet = null }).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void A_set_still_granted_is_not_removed_and_the_refusal_names_the_grants()
    {
        var grant = new AccessGrantId("ag-desk");
        var state = Run(KeyDesk(), GrantSet("key-desk", grant));

        Assert.Contains("ag-desk", state.Decide(new RemovePermissionSet("key-desk", "admin", T0)).Rejected(RejectionCode.Conflict).Message);
        var removed = Run(state, new RevokeRole(grant, "admin", T0)).Decide(new RemovePermissionSet("key-desk", "second-admin", T0)).Accepted();
        Assert.Equal("second-admin", Assert.IsType<PermissionSetRemoved>(Assert.Single(removed)).By);
        AccessScopesState.Empty.Decide(new RemovePermissionSet("key-desk", "admin", T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void A_snapshot_taken_before_sets_existed_holds_none() =>
        Assert.Empty(new AccessScopesState([], []).Sets);
}
