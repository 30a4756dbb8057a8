using FleetKeys.Domain.Scopes;

namespace FleetKeys.Domain.Tests;

/// <summary>Regions of sites and grants of a role over a scope: who made each change, and every refusal with its code and field.</summary>
public class AccessScopesTests
{
    private static readonly RegionId North = new("north");
    private static readonly RegionId South = new("south");
    private static readonly SiteId Harbour = new("harbour");
    private static readonly Principal Desk = Principal.ApiKey("desk");

    private static AccessScopesState Run(AccessScopesState state, params AccessScopesCommand[] commands) =>
        commands.Aggregate(state, (s, c) => s.Decide(c).Accepted().Aggregate(s, (t, e) => t.Apply(e)));

    private static AccessScopesState WithRegions() =>
        Run(AccessScopesState.Empty, new CreateRegion(North, "North", "admin", T0), new CreateRegion(South, "South", "admin", T0));

    private static GrantRole Grant(AccessScope scope, string role = AccessRoles.Operator, bool principalOnRecord = true, bool siteOnRecord = true,
        Principal? principal = null) =>
        new(AccessGrantId.New(), principal ?? Desk, role, scope, principalOnRecord, siteOnRecord, "admin", T0);

    [Fact]
    public void A_site_belongs_to_at_most_one_region_and_moves_when_assigned_again()
    {
        var state = Run(WithRegions(), new AssignSiteToRegion(Harbour, North, true, "admin", T0), new AssignSiteToRegion(Harbour, South, true, "admin", T0));

        Assert.Equal(South, state.RegionOf(Harbour));
        Assert.DoesNotContain(Harbour, state.FindRegion(North)!.Sites);
        Assert.Null(Run(state, new AssignSiteToRegion(Harbour, null, true, "admin", T0)).RegionOf(Harbour));
    }

    [Fact]
    public void Assigning_a_site_to_the_region_it_is_in_records_nothing() =>
        Run(WithRegions(), new AssignSiteToRegion(Harbour, North, true, "admin", T0))
            .Decide(new AssignSiteToRegion(Harbour, North, true, "admin", T0)).AcceptedWithoutEvents();

    [Fact]
    public void A_region_is_created_once_with_a_name()
    {
        WithRegions().Decide(new CreateRegion(North, "Again", "admin", T0)).Rejected(RejectionCode.AlreadyExists);
        Assert.Equal("name", AccessScopesState.Empty.Decide(new CreateRegion(North, " ", "admin", T0)).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void A_site_is_not_put_in_an_unknown_region_nor_an_unknown_site_anywhere()
    {
        Assert.Equal("regionId", WithRegions().Decide(new AssignSiteToRegion(Harbour, new RegionId("west"), true, "admin", T0))
            .Rejected(RejectionCode.NotFound).Field);
        Assert.Contains("site harbour", WithRegions().Decide(new AssignSiteToRegion(Harbour, North, false, "admin", T0))
            .Rejected(RejectionCode.NotFound).Message);
    }

    [Fact]
    public void A_grant_records_who_gave_it_and_a_revocation_who_took_it_back()
    {
        var grant = Grant(AccessScope.OfRegion(North));
        var granted = Assert.IsType<RoleGranted>(Assert.Single(WithRegions().Decide(grant).Accepted()));
        var state = WithRegions().Apply(granted);
        var revoked = Assert.IsType<RoleRevoked>(Assert.Single(state.Decide(new RevokeRole(grant.Grant, "second-admin", T0)).Accepted()));

        Assert.Equal(("admin", "second-admin"), (granted.By, revoked.By));
        Assert.Equal([grant.Grant], state.GrantsOf(Desk).Select(g => g.Id));
        Assert.Empty(state.Apply(revoked).GrantsOf(Desk));
    }

    public static TheoryData<string, AccessScope, RejectionCode, string> RefusedScopes => new()
    {
        { "unknown region", AccessScope.OfRegion(new RegionId("west")), RejectionCode.NotFound, "regionId" },
        { "region not named", new AccessScope(ScopeKind.Region), RejectionCode.Invalid, "regionId" },
        { "site not named", new AccessScope(ScopeKind.Site), RejectionCode.Invalid, "siteId" },
        { "empty key groups", AccessScope.OfKeyGroups([]), RejectionCode.Invalid, "keyGroups" },
        { "key groups not named", new AccessScope(ScopeKind.KeyGroups), RejectionCode.Invalid, "keyGroups" },
    };

    [Theory]
    [MemberData(nameof(RefusedScopes))]
    public void A_grant_over_a_scope_that_names_nothing_known_is_refused_naming_the_field(string _, AccessScope scope, RejectionCode code, string field) =>
        Assert.Equal(field, WithRegions().Decide(Grant(scope)).Rejected(code).Field);

    [Fact]
    public void A_grant_over_an_unknown_site_is_refused() =>
        Assert.Equal("siteId", WithRegions().Decide(Grant(AccessScope.OfSite(Harbour), siteOnRecord: false)).Rejected(RejectionCode.NotFound).Field);

    [Fact]
    public void A_principal_that_does_not_exist_is_granted_nothing() =>
        Assert.Equal("principal", WithRegions().Decide(Grant(AccessScope.Everything, principalOnRecord: false)).Rejected(RejectionCode.NotFound).Field);

    [Fact]
    public void Only_the_three_role_presets_are_granted() =>
        Assert.Equal("role", WithRegions().Decide(Grant(AccessScope.Everything, role: "superuser")).Rejected(RejectionCode.Invalid).Field);

    [Fact]
    public void The_same_role_over_the_same_scope_is_not_granted_twice_to_one_principal()
    {
        var state = Run(WithRegions(), Grant(AccessScope.OfKeyGroups([new KeyGroup("vans"), new KeyGroup("cars")])));

        state.Decide(Grant(AccessScope.OfKeyGroups([new KeyGroup("cars"), new KeyGroup("vans"), new KeyGroup("vans")]))).Rejected(RejectionCode.Conflict);
        state.Decide(Grant(AccessScope.OfKeyGroups([new KeyGroup("vans")]))).Accepted();
        state.Decide(Grant(AccessScope.OfKeyGroups([new KeyGroup("vans"), new KeyGroup("cars")]), principal: Principal.Group("fleet-managers"))).Accepted();
    }

    [Fact]
    public void Revoking_a_grant_that_does_not_exist_is_not_found() =>
        WithRegions().Decide(new RevokeRole(new AccessGrantId("ag-none"), "admin", T0)).Rejected(RejectionCode.NotFound);

    public static TheoryData<AccessScope, bool> Coverage => new()
    {
        { AccessScope.Everything, true },
        { AccessScope.OfRegion(North), true },
        { AccessScope.OfRegion(South), false },
        { AccessScope.OfSite(Harbour), true },
        { AccessScope.OfSite(new SiteId("airport")), false },
        { AccessScope.OfKeyGroups([new KeyGroup("vans")]), true },
        { AccessScope.OfKeyGroups([new KeyGroup("masters")]), false },
    };

    [Theory]
    [MemberData(nameof(Coverage))]
    public void A_scope_covers_what_lies_in_it(AccessScope scope, bool covers) =>
        Assert.Equal(covers, scope.Covers(new ResourceScope(Harbour, North, new KeyGroup("vans"))));

    [Fact]
    public void A_key_group_scope_does_not_cover_what_names_no_key_group() =>
        Assert.False(AccessScope.OfKeyGroups([new KeyGroup("vans")]).Covers(new ResourceScope(Harbour, North, null)));
}
