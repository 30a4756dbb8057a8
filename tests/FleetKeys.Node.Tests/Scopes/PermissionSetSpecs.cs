using System.Net;
using System.Text.Json;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scopes;

/// <summary>
/// Permission sets over real HTTP: an admin defines them from the route table's vocabulary, grants one over a scope, and the
/// holder may do what the set names there and nothing else; a set still granted is not removed; every change is audited.
/// </summary>
public abstract class PermissionSetSpecs<TDatabase>(ScopedNodeFixture<TDatabase> fixture) : IClassFixture<ScopedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly string[] KeyDesk = ["custody.read", "history.read", "people.read", "commands.release"];

    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly Floor _floor = new(fixture.Node, TimeProvider.System);

    private HttpClient Key(string name) => fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf(name));

    private async Task<string> DefineKeyDesk()
    {
        var name = Floor.Unique("key-desk");
        await (await _admin.Put($"/api/v1/permission-sets/{name}", new { permissions = KeyDesk })).Read<JsonElement>(HttpStatusCode.OK);
        return name;
    }

    private async Task<string> Grant(string key, string set, string site) =>
        (await (await _admin.Post("/api/v1/grants", new { principalKind = "apiKey", principal = key, permissionSet = set, scope = "site", siteId = site }))
            .Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public async Task The_vocabulary_is_the_route_tables_and_names_the_routes_each_permission_opens()
    {
        var permissions = await (await _admin.GetAsync("/api/v1/permissions")).Read<JsonElement>(HttpStatusCode.OK);

        var release = Assert.Single(permissions.EnumerateArray(), p => p.GetProperty("name").GetString() == "commands.release");
        Assert.Equal("operator", release.GetProperty("role").GetString());
        Assert.Equal(["POST /api/v1/cabinets/{id}/slots/{slot:int}/remote-release"], release.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(permissions.EnumerateArray(), p => p.GetProperty("name").GetString() == "custody.read");
    }

    [Fact]
    public async Task A_set_is_defined_listed_and_audited_with_who_defined_it()
    {
        var name = await DefineKeyDesk();

        var listed = await (await _admin.GetAsync("/api/v1/permission-sets")).Read<JsonElement>(HttpStatusCode.OK);
        var one = await (await _admin.GetAsync($"/api/v1/permission-sets/{name}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        Assert.Equal(KeyDesk.Order(StringComparer.Ordinal), one.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("bootstrap-admin", one.GetProperty("definedBy").GetString());
        await Eventually.Holds(async () =>
        {
            var audit = await _admin.GetStringAsync("/api/v1/audit?persistenceId=access-scopes&pageSize=500");
            Assert.Contains("access-scopes.permission-set-defined.v1", audit);
            Assert.Contains(name, audit);
        });
    }

    [Fact]
    public async Task A_set_naming_a_permission_that_does_not_exist_is_a_problem_naming_it()
    {
        var problem = await (await _admin.Put("/api/v1/permission-sets/bad-desk", new { permissions = new[] { "custody.read", "custody.release" } }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.Contains("custody.release", problem.GetProperty("errors").GetProperty("permissions")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/v1/permission-sets/bad-desk")).StatusCode);
    }

    [Fact]
    public async Task The_holder_of_a_set_over_a_site_does_there_what_the_set_names_and_is_refused_the_rest_naming_the_permission()
    {
        var (home, away) = (await _floor.Site(), await _floor.Site());
        var (cabinet, elsewhere) = (await _floor.Cabinet(home), await _floor.Cabinet(away));
        await Grant("site-desk", await DefineKeyDesk(), home);
        var desk = Key("site-desk");

        var custody = await desk.GetAsync("/api/v1/custody");
        var release = await desk.Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = "p-none", reason = "desk" });
        var lockdown = await (await desk.Post($"/api/v1/cabinets/{cabinet}/lockdown", new { reason = "drill" })).Read<JsonElement>(HttpStatusCode.Forbidden);
        var cabinets = await (await desk.GetAsync("/api/v1/cabinets")).Read<JsonElement>(HttpStatusCode.Forbidden);
        var farRelease = await (await desk.Post($"/api/v1/cabinets/{elsewhere}/slots/1/remote-release", new { personId = "p-none", reason = "desk" }))
            .Read<JsonElement>(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, custody.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, release.StatusCode);
        Assert.Equal(("commands.lockdown", $"site {home}"), (lockdown.GetProperty("permission").GetString(), lockdown.GetProperty("scope").GetString()));
        Assert.Contains("commands.lockdown", lockdown.GetProperty("detail").GetString());
        Assert.Equal("cabinets.read", cabinets.GetProperty("permission").GetString());
        Assert.Equal("commands.release", farRelease.GetProperty("permission").GetString());
        Assert.Contains($"site {away}", farRelease.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Me_reports_each_permission_the_caller_holds_and_where()
    {
        var site = await _floor.Site();
        var set = await DefineKeyDesk();
        await Grant("region-desk", set, site);

        var me = await (await Key("region-desk").GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);
        var admin = await (await _admin.GetAsync("/api/v1/me")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(set, Assert.Single(me.GetProperty("grants").EnumerateArray()).GetProperty("permissionSet").GetString());
        var held = me.GetProperty("permissions").EnumerateArray()
            .ToDictionary(p => p.GetProperty("permission").GetString()!, p => p.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList());
        Assert.Equal(KeyDesk.Order(StringComparer.Ordinal), held.Keys);
        Assert.All(held.Values, scopes => Assert.Equal([$"site {site}"], scopes));
        Assert.Contains(admin.GetProperty("permissions").EnumerateArray(),
            p => p.GetProperty("permission").GetString() == "scopes.configure" && p.GetProperty("scopes")[0].GetString() == "everything");
    }

    [Fact]
    public async Task A_set_still_granted_is_not_removed_and_the_refusal_names_the_grant()
    {
        var set = await DefineKeyDesk();
        var grant = await Grant("vans-desk", set, await _floor.Site());

        var conflict = await (await _admin.DeleteAsync($"/api/v1/permission-sets/{set}")).Read<JsonElement>(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/grants/{grant}")).StatusCode);

        Assert.Contains(grant, conflict.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/permission-sets/{set}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/v1/permission-sets/{set}")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_define_sets_and_a_grant_names_a_role_or_a_set()
    {
        var operatorClient = fixture.Node.Client(NodeApp.OperatorKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.Put("/api/v1/permission-sets/ops", new { permissions = KeyDesk })).StatusCode);
        var both = await (await _admin.Post("/api/v1/grants",
            new { principalKind = "apiKey", principal = "ops", role = "operator", permissionSet = "x", scope = "everything" })).Read<JsonElement>(HttpStatusCode.BadRequest);
        var unknown = await (await _admin.Post("/api/v1/grants",
            new { principalKind = "apiKey", principal = "ops", permissionSet = "no-such-set", scope = "everything" })).Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.True(both.GetProperty("errors").TryGetProperty("role", out _), both.ToString());
        Assert.True(unknown.GetProperty("errors").TryGetProperty("permissionSet", out _), unknown.ToString());
    }
}

public sealed class SqlitePermissionSetSpecs(ScopedNodeFixture<SqliteTestDatabase> fixture) : PermissionSetSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPermissionSetSpecs(ScopedNodeFixture<PostgresTestDatabase> fixture) : PermissionSetSpecs<PostgresTestDatabase>(fixture);
