using System.Net;
using System.Text.Json;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Node.Tests.Scim;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scopes;

/// <summary>
/// Administration of people follows scope (#22, point 4): a scoped caller changes a person only when its grants reach every
/// one of their entitlements, gives only entitlements its grants reach, and HR's revocation through SCIM is never scoped.
/// </summary>
public abstract class PeopleScopeSpecs<TDatabase>(ScopedNodeFixture<TDatabase> fixture) : IClassFixture<ScopedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly Floor _floor = new(fixture.Node, TimeProvider.System);

    private HttpClient Key(string name) => fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf(name));

    private async Task Grant(string key, string role, string site) =>
        await (await _admin.Post("/api/v1/grants", new { principalKind = "apiKey", principal = key, role, scope = "site", siteId = site }))
            .Read<JsonElement>(HttpStatusCode.Created);

    /// <summary>A person whose entitlements are at these sites (none: no entitlement at all).</summary>
    private async Task<string> Person(params string[] sites)
    {
        var id = Floor.Unique("p");
        await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        if (sites.Length > 0)
            await (await _admin.Put($"/api/v1/people/{id}/entitlements", sites.Select(s => new { siteId = s }))).Read<JsonElement>(HttpStatusCode.OK);
        return id;
    }

    private static object Suspension => new { status = "suspended", reason = "left the team" };

    [Fact]
    public async Task A_site_operator_revokes_a_person_whose_entitlements_are_all_at_its_site()
    {
        var site = await _floor.Site();
        await Grant("site-desk", "operator", site);
        var person = await Person(site, site);

        var revoked = await (await Key("site-desk").Post($"/api/v1/people/{person}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("suspended", revoked.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_person_with_entitlements_at_another_site_too_is_changed_only_by_grants_reaching_both_and_the_refusal_names_the_missing_site()
    {
        var (home, away) = (await _floor.Site(), await _floor.Site());
        await Grant("region-desk", "operator", home);
        var person = await Person(home, away);

        var refused = await (await Key("region-desk").Post($"/api/v1/people/{person}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.Forbidden);
        Assert.Equal("operator", refused.GetProperty("role").GetString());
        Assert.Equal($"site {away}", refused.GetProperty("scope").GetString());
        // Seen (an entitlement is at its site), not changed.
        await (await Key("region-desk").GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK);

        await Grant("region-desk", "operator", away);
        await (await Key("region-desk").Post($"/api/v1/people/{person}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_person_without_entitlements_is_tied_to_no_scope_and_changed_only_over_everything()
    {
        var site = await _floor.Site();
        await Grant("vans-desk", "operator", site);
        var person = await Person();

        var refused = await (await Key("vans-desk").Post($"/api/v1/people/{person}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.Forbidden);

        Assert.Equal("everything", refused.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_person_who_does_not_exist_is_a_404_naming_them_to_a_caller_whose_grants_reach_people_somewhere()
    {
        await Grant("site-desk", "operator", await _floor.Site());
        var missing = Floor.Unique("p");

        var problem = await (await Key("site-desk").Post($"/api/v1/people/{missing}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.NotFound);

        Assert.Equal($"person '{missing}' does not exist", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_scoped_admin_gives_only_entitlements_its_grants_reach()
    {
        var (home, away) = (await _floor.Site(), await _floor.Site());
        await Grant("fleet-desk", "admin", home);
        var person = await Person(home);
        var desk = Key("fleet-desk");

        var refused = await (await desk.Put($"/api/v1/people/{person}/entitlements", new[] { new { siteId = home }, new { siteId = away } }))
            .Read<JsonElement>(HttpStatusCode.Forbidden);
        Assert.Equal($"site {away}", refused.GetProperty("scope").GetString());
        var everywhere = await (await desk.Put($"/api/v1/people/{person}/entitlements", new[] { new { group = "vans" } })).Read<JsonElement>(HttpStatusCode.Forbidden);
        Assert.Equal("key group vans", everywhere.GetProperty("scope").GetString());

        var set = await (await desk.Put($"/api/v1/people/{person}/entitlements", new[] { new { siteId = home, group = "vans" } })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("vans", Assert.Single(set.GetProperty("entitlements").EnumerateArray()).GetProperty("group").GetString());
        Assert.Single((await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("entitlements").EnumerateArray());
    }

    [Fact]
    public async Task Hr_deactivating_a_person_through_scim_is_never_scoped()
    {
        var away = await _floor.Site();
        var scim = ScimClient.For(fixture.Node);
        var person = await scim.CreateUser(ProviderRequests.OktaUser(Floor.Unique("hr") + "@example.com"));
        await (await _admin.Put($"/api/v1/people/{person}/entitlements", new[] { new { siteId = away } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await Key("no-grants").Post($"/api/v1/people/{person}/revoke", Suspension)).Read<JsonElement>(HttpStatusCode.Forbidden);

        (await scim.Patch($"/scim/v2/Users/{person}", ProviderRequests.OktaDeactivate)).Expect(HttpStatusCode.OK);

        var seen = await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.NotEqual("active", seen.GetProperty("status").GetString());
    }
}

public sealed class SqlitePeopleScopeSpecs(ScopedNodeFixture<SqliteTestDatabase> fixture) : PeopleScopeSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPeopleScopeSpecs(ScopedNodeFixture<PostgresTestDatabase> fixture) : PeopleScopeSpecs<PostgresTestDatabase>(fixture);
