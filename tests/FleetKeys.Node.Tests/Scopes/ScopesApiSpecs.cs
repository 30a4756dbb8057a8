using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scopes;

/// <summary>
/// Regions, grants and <c>/me</c> over real HTTP: admins change them and each change is audited with who made it, bad
/// requests name their field, and a grants-only key reaches only what its grants cover.
/// </summary>
public abstract class ScopesApiSpecs<TDatabase>(ScopedNodeFixture<TDatabase> fixture) : IClassFixture<ScopedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly Floor _floor = new(fixture.Node, TimeProvider.System);

    private HttpClient Key(string name) => fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf(name));

    private async Task<string> Region()
    {
        var id = Floor.Unique("region");
        await (await _admin.Post("/api/v1/regions", new { id, name = "North" })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Grant(object body) =>
        (await (await _admin.Post("/api/v1/grants", body)).Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public async Task An_admin_puts_sites_in_regions_and_a_site_is_in_one_region_at_most()
    {
        var (north, south) = (await Region(), await Region());
        var site = await _floor.Site();

        var put = await (await _admin.Put($"/api/v1/sites/{site}/region", new { regionId = north })).Read<JsonElement>(HttpStatusCode.OK);
        await (await _admin.Put($"/api/v1/sites/{site}/region", new { regionId = south })).Read<JsonElement>(HttpStatusCode.OK);
        var regions = await (await _admin.GetAsync("/api/v1/regions")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(north, put.GetProperty("regionId").GetString());
        var sitesOf = regions.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("sites").EnumerateArray().Select(s => s.GetString()).ToList());
        Assert.DoesNotContain(site, sitesOf[north]);
        Assert.Equal([site], sitesOf[south]);
    }

    [Fact]
    public async Task A_grant_shows_in_the_callers_me_and_in_the_audit_with_who_made_it_until_it_is_revoked()
    {
        var site = await _floor.Site();
        var grant = await Grant(new { principalKind = "apiKey", principal = "site-desk", role = "operator", scope = "site", siteId = site });

        var me = await (await Key("site-desk").GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);
        var listed = await (await _admin.GetAsync("/api/v1/grants")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/grants/{grant}")).StatusCode);
        var after = await (await Key("site-desk").GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(("apiKey", "site-desk"), (me.GetProperty("principalKind").GetString(), me.GetProperty("principal").GetString()));
        var held = Assert.Single(me.GetProperty("grants").EnumerateArray(), g => g.GetProperty("id").GetString() == grant);
        Assert.Equal(("operator", "site", site), (held.GetProperty("role").GetString(), held.GetProperty("scope").GetString(), held.GetProperty("siteId").GetString()));
        Assert.Equal("bootstrap-admin", listed.EnumerateArray().Single(g => g.GetProperty("id").GetString() == grant).GetProperty("grantedBy").GetString());
        Assert.DoesNotContain(after.GetProperty("grants").EnumerateArray(), g => g.GetProperty("id").GetString() == grant);
        await Eventually.Holds(async () =>
        {
            var audit = await _admin.GetStringAsync("/api/v1/audit?persistenceId=access-scopes&pageSize=500");
            Assert.Contains(grant, audit);
            Assert.Contains("access-scopes.revoked.v1", audit);
            Assert.Contains("bootstrap-admin", audit);
        });
    }

    [Fact]
    public async Task A_keys_configured_role_is_its_grant_over_everything()
    {
        var me = await (await fixture.Node.Client(NodeApp.OperatorKey).GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);

        var configured = Assert.Single(me.GetProperty("grants").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, configured.GetProperty("id").ValueKind);
        Assert.Equal(("operator", "everything"), (configured.GetProperty("role").GetString(), configured.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task A_grants_only_key_without_grants_may_ask_who_it_is_and_nothing_else()
    {
        var me = await (await Key("no-grants").GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Empty(me.GetProperty("grants").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await Key("no-grants").GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task A_grant_over_everything_opens_what_its_role_may_do_everywhere_and_no_more()
    {
        await Grant(new { principalKind = "apiKey", principal = "fleet-desk", role = "operator", scope = "everything" });
        var cabinet = await _floor.Cabinet();

        Assert.Equal(HttpStatusCode.OK, (await Key("fleet-desk").GetAsync("/api/v1/cabinets")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await Key("fleet-desk").Post($"/api/v1/cabinets/{cabinet}/lockdown", new { reason = "drill" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Key("fleet-desk").Post("/api/v1/regions", new { id = Floor.Unique("region"), name = "X" })).StatusCode);
    }

    [Fact]
    public async Task A_site_operator_is_refused_a_remote_release_at_another_sites_cabinet_naming_the_scope_it_needs()
    {
        var (home, away) = (await _floor.Site(), await _floor.Site());
        var cabinet = await _floor.Cabinet(away);
        await Grant(new { principalKind = "apiKey", principal = "site-desk", role = "operator", scope = "site", siteId = home });

        var refused = await (await Key("site-desk").Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = "p-1", reason = "test" }))
            .Read<JsonElement>(HttpStatusCode.Forbidden);

        Assert.Equal("operator", refused.GetProperty("role").GetString());
        Assert.Contains($"site {away}", refused.GetProperty("scope").GetString());
        Assert.Contains($"site {away}", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_admins_change_regions_and_grants()
    {
        var operatorClient = fixture.Node.Client(NodeApp.OperatorKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.Post("/api/v1/regions", new { id = Floor.Unique("region"), name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/v1/grants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await operatorClient.Post("/api/v1/grants", new { principalKind = "apiKey", principal = "ops", role = "admin", scope = "everything" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_grants_regions_and_sites_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/v1/grants/ag-nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Put("/api/v1/sites/no-such-site/region", new { regionId = (string?)null })).StatusCode);
        var region = await (await _admin.Put($"/api/v1/sites/{await _floor.Site()}/region", new { regionId = "no-such-region" })).Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(region.GetProperty("errors").TryGetProperty("regionId", out _), region.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Post("/api/v1/regions", new { id = await Region(), name = "Again" })).StatusCode);
    }

    public static TheoryData<string, string> InvalidGrants => new()
    {
        { """{"principal":"ops","role":"operator","scope":"everything"}""", "principalKind" },
        { """{"principalKind":"scimToken","principal":"idp","role":"operator","scope":"everything"}""", "principalKind" },
        { """{"principalKind":"apiKey","principal":"no-such-key","role":"operator","scope":"everything"}""", "principal" },
        { """{"principalKind":"apiKey","principal":"ops","role":"superuser","scope":"everything"}""", "role" },
        { """{"principalKind":"apiKey","principal":"ops","role":"operator","scope":"planet"}""", "scope" },
        { """{"principalKind":"apiKey","principal":"ops","role":"operator","scope":"region","regionId":"no-such-region"}""", "regionId" },
        { """{"principalKind":"apiKey","principal":"ops","role":"operator","scope":"site","siteId":"no-such-site"}""", "siteId" },
        { """{"principalKind":"apiKey","principal":"ops","role":"operator","scope":"site"}""", "siteId" },
        { """{"principalKind":"group","principal":"fleet","role":"operator","scope":"keyGroups","keyGroups":[]}""", "keyGroups" },
        { """{"principalKind":"group","principal":"fleet","role":"operator","scope":"keyGroups","keyGroups":["a b"]}""", "keyGroups[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidGrants))]
    public async Task An_invalid_grant_is_a_problem_naming_the_field(string json, string field)
    {
        var response = await _admin.PostAsync("/api/v1/grants", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}

public sealed class SqliteScopesApiSpecs(ScopedNodeFixture<SqliteTestDatabase> fixture) : ScopesApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScopesApiSpecs(ScopedNodeFixture<PostgresTestDatabase> fixture) : ScopesApiSpecs<PostgresTestDatabase>(fixture);
