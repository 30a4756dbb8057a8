using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FleetKeys.Api.Auth;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Node.Tests.Scopes;

/// <summary>
/// The route table against the callers' scopes: every route under /api/v1 says what part of the fleet it touches, and for
/// each (generated from the table, not listed by hand) a caller whose grant covers the resource gets past the scope check
/// while one whose grant does not is refused 403. Callers hold admin over their scope, so only the scope decides.
/// </summary>
public abstract class ScopeMatrixSpecs<TDatabase>(ScopedNodeFixture<TDatabase> fixture) : IClassFixture<ScopedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static Regex RouteValue() => RoutePatterns.Value();

    private sealed record Route(string Method, string Pattern, ScopeRule? Rule, AccessNeed Need);

    /// <summary>The API's routes that a caller must be authorised for (the signed webhook has no caller to scope).</summary>
    private IReadOnlyList<Route> Routes() =>
    [
        .. fixture.Node.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                new Route(m, "/" + e.RoutePattern.RawText!.Trim('/'), e.Metadata.GetMetadata<ScopeRule>(), Permissions.NeedOf(e)))),
    ];

    [Fact]
    public void Every_route_of_the_api_says_what_part_of_the_fleet_it_touches()
    {
        var routes = Routes();

        Assert.True(routes.Count > 80, $"only {routes.Count} routes found");
        Assert.Empty(routes.Where(r => r.Rule is null).Select(r => $"{r.Method} {r.Pattern}"));
    }

    [Fact]
    public void Every_route_of_the_api_names_the_permission_a_permission_set_needs_for_it() =>
        Assert.Empty(Routes().Where(r => r.Rule is not { Kind: ScopeRuleKind.Caller } && r.Need.Permission is null).Select(r => $"{r.Method} {r.Pattern}"));

    /// <summary>
    /// A sample of (set × route), drawn from the route table with a fixed seed: a set holding one permission, granted over
    /// everything, gets past the check on that permission's routes and is refused every other route with a 403 naming the
    /// permission. Allowed calls are reads, or name resources that exist nowhere, so none changes the fleet.
    /// </summary>
    [Fact]
    public async Task A_permission_set_gets_past_the_check_on_its_permissions_routes_and_is_refused_the_rest_naming_the_permission()
    {
        var routes = Routes().Where(r => r.Need.Permission is not null).ToList();
        var random = new Random(22);
        var sample = routes.Select(r => r.Need.Permission!).Distinct().OrderBy(_ => random.Next()).Take(8).ToList();
        var set = Floor.Unique("sample");
        await (await _admin.Put($"/api/v1/permission-sets/{set}", new { permissions = new[] { sample[0] } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await _admin.Post("/api/v1/grants", new { principalKind = "apiKey", principal = "fleet-desk", permissionSet = set, scope = "everything" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var desk = fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf("fleet-desk"));

        var wrong = new List<string>();
        var checkedAllowed = 0;
        foreach (var permission in sample)
        {
            await (await _admin.Put($"/api/v1/permission-sets/{set}", new { permissions = new[] { permission } })).Read<JsonElement>(HttpStatusCode.OK);
            var allowed = routes.Where(r => r.Need.Permission == permission && (r.Method == "GET" || r.Pattern.Contains('{'))).ToList();
            var refused = routes.Where(r => r.Need.Permission != permission).OrderBy(_ => random.Next()).Take(6).ToList();
            foreach (var (route, allow) in allowed.Select(r => (r, true)).Concat(refused.Select(r => (r, false))))
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), RouteValue().Replace(route.Pattern, m => m.Groups[2].Value == ":int" ? "1" : "x-none"));
                if (route.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await desk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var named = response.StatusCode == HttpStatusCode.Forbidden
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("permission").GetString() == route.Need.Permission;
                if (allow ? response.StatusCode == HttpStatusCode.Forbidden : !named)
                    wrong.Add($"{permission}: {route.Method} {route.Pattern}: {(int)response.StatusCode}, expected {(allow ? "not 403" : $"403 naming {route.Need.Permission}")}");
                checkedAllowed += allow ? 1 : 0;
            }
        }

        Assert.True(checkedAllowed >= 8, $"only {checkedAllowed} allowed cases");
        Assert.Empty(wrong);
    }

    [Fact]
    public void Each_scoped_rule_names_a_route_value_its_routes_have()
    {
        foreach (var route in Routes().Where(r => r.Rule is { Kind: not (ScopeRuleKind.Everything or ScopeRuleKind.Caller or ScopeRuleKind.Filtered) }))
        {
            var values = RouteValue().Matches(route.Pattern).Select(m => m.Groups[1].Value).ToList();
            Assert.True(values.Contains(route.Rule!.RouteValue), $"{route.Method} {route.Pattern} has no {{{route.Rule.RouteValue}}}");
            if (route.Rule.Kind == ScopeRuleKind.Slot) Assert.True(values.Contains(ScopeRule.SlotValue), $"{route.Method} {route.Pattern} has no {{slot}}");
        }
    }

    /// <summary>
    /// Where the matrix's resources lie: two regions of one site each, a cabinet at each, keys of two groups; the alarms of
    /// the keys gone without a release from A/2 (masters) and B/1 (vans); people tied to them by their entitlements: any key at
    /// site A, any key at cabinet B, vans keys at site B, any key at either site.
    /// </summary>
    private sealed record Fleet(
        string SiteA, string SiteB, string CabinetA, string CabinetB, string AlarmA2, string AlarmB1, string PersonA, string PersonB, string PersonVansB,
        string PersonAB);

    private async Task<Fleet> SetUp(string regionKey = "region-desk", string siteKey = "site-desk", string vansKey = "vans-desk")
    {
        var floor = new Floor(fixture.Node, TimeProvider.System);
        var (siteA, siteB) = (await floor.Site(), await floor.Site());
        var (regionA, regionB) = (Floor.Unique("region"), Floor.Unique("region"));
        foreach (var (region, site) in new[] { (regionA, siteA), (regionB, siteB) })
        {
            await (await _admin.Post("/api/v1/regions", new { id = region, name = region })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Put($"/api/v1/sites/{site}/region", new { regionId = region })).Read<JsonElement>(HttpStatusCode.OK);
        }

        // Slot 1 of each cabinet holds a "vans" key; slot 2 of cabinet A a "masters" key.
        var (cabinetA, cabinetB) = (await floor.Cabinet(siteA, slots: 2, group: "vans", keys: 1), await floor.Cabinet(siteB, slots: 1, group: "vans"));
        await (await _admin.Put($"/api/v1/cabinets/{cabinetA}/slots/2/key", new
        {
            keyId = Floor.Key(cabinetA, 2), name = "Master", group = "masters", criticality = "master", tagId = Floor.Tag(cabinetA, 2),
        })).Read<JsonElement>(HttpStatusCode.OK);

        foreach (var (key, scope) in new[]
        {
            (regionKey, (object)new { scope = "region", regionId = regionA }),
            (siteKey, new { scope = "site", siteId = siteA }),
            (vansKey, new { scope = "keyGroups", keyGroups = new[] { "vans" } }),
        })
        {
            var body = JsonSerializer.SerializeToElement(scope).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            body["principalKind"] = "apiKey";
            body["principal"] = key;
            body["role"] = "admin";
            await (await _admin.Post("/api/v1/grants", body)).Read<JsonElement>(HttpStatusCode.Created);
        }

        // Keys gone without a release: custody history and a forced-removal alarm at each of them.
        foreach (var (cabinet, slot) in new[] { (cabinetA, 1), (cabinetA, 2), (cabinetB, 1) }) await floor.TagLeaves(cabinet, slot);
        var (alarmA2, alarmB1) = (await AlarmAt(cabinetA, 2), await AlarmAt(cabinetB, 1));

        var (personA, personB, vansB, personAB) = (Floor.Unique("p"), Floor.Unique("p"), Floor.Unique("p"), Floor.Unique("p"));
        foreach (var (person, entitlements) in new[]
        {
            (personA, new object[] { new { siteId = siteA } }), (personB, [new { cabinetId = cabinetB }]), (vansB, [new { group = "vans", siteId = siteB }]),
            (personAB, [new { siteId = siteA }, new { siteId = siteB }]),
        })
        {
            await (await _admin.Post("/api/v1/people", new { id = person, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Put($"/api/v1/people/{person}/entitlements", entitlements)).Read<JsonElement>(HttpStatusCode.OK);
        }

        return new Fleet(siteA, siteB, cabinetA, cabinetB, alarmA2, alarmB1, personA, personB, vansB, personAB);
    }

    private async Task<string> AlarmAt(string cabinet, int slot)
    {
        string? id = null;
        await Eventually.Holds(async () =>
        {
            var alarms = await (await _admin.GetAsync($"/api/v1/alarms?cabinetId={cabinet}")).Read<JsonElement>(HttpStatusCode.OK);
            id = alarms.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("slot").ValueKind == JsonValueKind.Number && a.GetProperty("slot").GetInt32() == slot).GetProperty("id").ToString();
        });
        return id!;
    }

    private sealed record Case(string Caller, Route Route, string Path, bool Covered);

    /// <summary>
    /// Each scoped caller against each route, at a resource inside its scope and one outside. Resources by rule: a cabinet
    /// (A in region A and site A), a slot (A/1 and B/1 hold vans keys, A/2 a masters key), a site, a key group, an alarm at a slot.
    /// </summary>
    private static IEnumerable<Case> Cases(IEnumerable<Route> routes, Fleet fleet)
    {
        string[] placeCallers = ["region-desk", "site-desk"];
        foreach (var route in routes.Where(r => r.Rule is not null))
        {
            IEnumerable<(string Caller, Dictionary<string, string> Values, bool Covered)> targets = route.Rule!.Kind switch
            {
                ScopeRuleKind.Cabinet =>
                [
                    .. placeCallers.SelectMany(c => new[] { (c, Values(route, fleet.CabinetA), true), (c, Values(route, fleet.CabinetB), false) }),
                    ("vans-desk", Values(route, fleet.CabinetA), false),
                ],
                ScopeRuleKind.Slot =>
                [
                    .. placeCallers.SelectMany(c => new[] { (c, Values(route, fleet.CabinetA, "2"), true), (c, Values(route, fleet.CabinetB, "1"), false) }),
                    ("vans-desk", Values(route, fleet.CabinetB, "1"), true), ("vans-desk", Values(route, fleet.CabinetA, "2"), false),
                ],
                ScopeRuleKind.Site =>
                [
                    .. placeCallers.SelectMany(c => new[] { (c, Values(route, fleet.SiteA), true), (c, Values(route, fleet.SiteB), false) }),
                    ("vans-desk", Values(route, fleet.SiteA), false),
                ],
                ScopeRuleKind.KeyGroup =>
                [
                    .. placeCallers.Select(c => (c, Values(route, "vans"), false)),
                    ("vans-desk", Values(route, "vans"), true), ("vans-desk", Values(route, "masters"), false),
                ],
                ScopeRuleKind.Alarm =>
                [
                    .. placeCallers.SelectMany(c => new[] { (c, Values(route, fleet.AlarmA2), true), (c, Values(route, fleet.AlarmB1), false) }),
                    ("vans-desk", Values(route, fleet.AlarmB1), true), ("vans-desk", Values(route, fleet.AlarmA2), false),
                ],
                // Read by a grant reaching any of the person's entitlements, changed by one reaching all of them.
                ScopeRuleKind.Person =>
                [
                    .. placeCallers.SelectMany(c => new[]
                    {
                        (c, Values(route, fleet.PersonA), true), (c, Values(route, fleet.PersonB), false), (c, Values(route, fleet.PersonAB), route.Method == "GET"),
                    }),
                    ("vans-desk", Values(route, fleet.PersonVansB), true), ("vans-desk", Values(route, fleet.PersonA), false),
                ],
                ScopeRuleKind.Everything => new[] { "region-desk", "site-desk", "vans-desk" }.Select(c => (c, Values(route, "x"), false)),
                ScopeRuleKind.Filtered => new[] { "region-desk", "site-desk", "vans-desk" }.Select(c => (c, Values(route, "x"), true)),
                _ => [],
            };
            foreach (var (caller, values, covered) in targets)
                yield return new Case(caller, route, RouteValue().Replace(route.Pattern, m => values[m.Groups[1].Value]), covered);
        }
    }

    /// <summary>The rule's own value is <paramref name="resource"/>; a slot is <paramref name="slot"/>; any other value is a name that exists nowhere.</summary>
    private static Dictionary<string, string> Values(Route route, string resource, string slot = "1") =>
        RouteValue().Matches(route.Pattern).Select(m => m.Groups[1].Value).Distinct()
            .ToDictionary(v => v, v => v == route.Rule!.RouteValue ? resource : v == ScopeRule.SlotValue ? slot : "x-none");

    [Fact]
    public async Task A_caller_gets_past_the_scope_check_exactly_where_its_grant_covers_the_resource()
    {
        var fleet = await SetUp();
        var cases = Cases(Routes(), fleet).ToList();
        // Refusals change nothing, so they go first; then what is allowed, removals last (the most specific first), so a
        // cabinet decommissioned or a key removed by one case is not what another case is checked against.
        var ordered = cases.Where(c => !c.Covered)
            .Concat(cases.Where(c => c.Covered).OrderBy(c => c.Route.Method == "DELETE").ThenByDescending(c => c.Path.Length)).ToList();

        var wrong = new List<string>();
        foreach (var c in ordered)
        {
            var request = new HttpRequestMessage(new HttpMethod(c.Route.Method), c.Path);
            if (c.Route.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            // Headers only: the live stream's answer never ends.
            using var response = await fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf(c.Caller)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = response.StatusCode;
            if ((status == HttpStatusCode.Forbidden) == c.Covered)
                wrong.Add($"{c.Caller} {c.Route.Method} {c.Path}: {(int)status}, expected {(c.Covered ? "not 403" : "403")}");
        }

        Assert.True(cases.Count(c => c.Covered) > 40, $"only {cases.Count(c => c.Covered)} covered cases");
        Assert.Empty(wrong);
    }

    /// <summary>
    /// Where a listed item lies, by the fields it has: a site (the site lists), a cabinet (its own id in the cabinet lists),
    /// a slot and its key group, a person, or the journal an audit entry comes from.
    /// </summary>
    private sealed record Place(string? Site = null, string? Cabinet = null, int? Slot = null, string? Group = null, string? Person = null);

    private static Place PlaceOf(JsonElement item)
    {
        string? Text(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("persistenceId") is { } journal)
        {
            var (kind, id) = (journal[..journal.IndexOf('-')], journal[(journal.IndexOf('-') + 1)..]);
            return kind switch
            {
                "site" => new Place(Site: id),
                "cabinet" => new Place(Cabinet: id),
                "keyslot" => new Place(Cabinet: id[..id.LastIndexOf('/')], Slot: int.Parse(id[(id.LastIndexOf('/') + 1)..])),
                "person" => new Place(Person: id),
                _ => new Place(),
            };
        }

        if (item.TryGetProperty("timeZone", out _)) return new Place(Site: Text("id"));
        if (item.TryGetProperty("cabinet", out var cabinet)) return new Place(Cabinet: cabinet.GetProperty("id").GetString());
        if (item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object) return PlaceOf(key);
        if (item.TryGetProperty("hasPin", out _)) return new Place(Person: Text("id"));
        var slot = item.TryGetProperty("slot", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : (int?)null;
        if (Text("cabinetId") is { } at) return new Place(Cabinet: at, Slot: slot, Group: Text("group"));
        if (Text("group") is { } group) return new Place(Group: group);
        if (Text("personId") is { } person) return new Place(Person: person);
        return new Place(Cabinet: Text("id"));
    }

    [Fact]
    public async Task A_scoped_callers_lists_hold_what_its_grants_reach_and_nothing_else_and_count_only_that()
    {
        var fleet = await SetUp("region-reader", "site-reader", "vans-reader");

        // A stray tag in slot 1 of each cabinet: a discrepancy for the reconciliation report.
        var floor = new Floor(fixture.Node, TimeProvider.System);
        foreach (var cabinet in new[] { fleet.CabinetA, fleet.CabinetB }) await floor.Inventory(cabinet, (1, Floor.Unique("stray")));

        var lists = Routes().Where(r => r.Rule?.Kind == ScopeRuleKind.Filtered && r.Method == "GET" && !r.Pattern.EndsWith("/csv", StringComparison.Ordinal)
                && r.Pattern != "/api/v1/events")
            .Select(r => r.Pattern).ToList();
        // A vans grant reaches people entitled to vans keys anywhere: those of the other specs' fleets too (read as the list is).
        var vansPeople = new HashSet<string>();
        async Task FindVansPeople()
        {
            foreach (var person in (await (await _admin.GetAsync("/api/v1/people?pageSize=500")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("items").EnumerateArray())
            {
                var id = person.GetProperty("id").GetString()!;
                var details = await (await _admin.GetAsync($"/api/v1/people/{id}")).Read<JsonElement>(HttpStatusCode.OK);
                if (details.GetProperty("entitlements").EnumerateArray().Any(e => e.GetProperty("group").GetString() == "vans")) vansPeople.Add(id);
            }
        }

        bool AtA(Place p) => p.Site == fleet.SiteA || p.Cabinet == fleet.CabinetA || p.Person == fleet.PersonA || p.Person == fleet.PersonAB || p.Group is "vans" or "masters" && p.Cabinet is null;
        bool Vans(Place p) => p.Slot is not null && (p.Group ?? "vans") == "vans" && !(p.Cabinet == fleet.CabinetA && p.Slot == 2)
                              || p.Person is { } person && vansPeople.Contains(person) || p.Group == "vans" && p.Cabinet is null;
        var may = new Dictionary<string, Func<Place, bool>> { ["region-reader"] = AtA, ["site-reader"] = AtA, ["vans-reader"] = Vans };
        // What each caller must find in a list that has it: region and site readers cabinet A's (slot 2 in master keys out), the
        // vans reader B/1; both the people their sites or group reach.
        var must = new Dictionary<string, Func<Place, bool>>
        {
            ["region-reader"] = AtA, ["site-reader"] = AtA,
            ["vans-reader"] = p => p.Cabinet == fleet.CabinetB && p.Slot == 1 || p.Person == fleet.PersonVansB || p.Group == "vans",
        };
        // Lists where the fleet set up here has nothing the caller may see: no approval asked; the vans reader reaches no cabinet or site whole.
        bool MayBeEmpty(string caller, string list) => list is "/api/v1/approval-requests"
            || caller == "vans-reader" && list is "/api/v1/cabinets" or "/api/v1/sites" or "/api/v1/overview/cabinets";

        Assert.Contains("/api/v1/cabinets", lists);
        Assert.True(lists.Count >= 20, $"only {lists.Count} filtered lists: {string.Join(", ", lists)}");
        await Eventually.Holds(async () =>
        {
            await FindVansPeople();
            foreach (var caller in must.Keys)
            foreach (var list in lists)
            {
                var answer = await (await fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf(caller)).GetAsync($"{list}?pageSize=500"))
                    .Read<JsonElement>(HttpStatusCode.OK);
                // A page, or a report's plain list.
                var paged = answer.ValueKind == JsonValueKind.Object;
                var places = (paged ? answer.GetProperty("items") : answer).EnumerateArray().Select(PlaceOf).ToList();
                Assert.True(places.All(may[caller]), $"{caller} {list} shows what it may not: {answer}");
                if (paged) Assert.Equal(places.Count, answer.GetProperty("total").GetInt64());
                if (paged && !MayBeEmpty(caller, list)) Assert.True(places.Any(must[caller]), $"{caller} {list} misses what it may see: {answer}");
            }
        });
        var site = fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf("site-reader"));
        foreach (var csv in new[] { "/api/v1/history/csv", "/api/v1/audit/csv", "/api/v1/reports/reconciliation/csv?status=all" })
            Assert.DoesNotContain(fleet.CabinetB, await site.GetStringAsync(csv));
        Assert.Contains(fleet.CabinetA, await site.GetStringAsync("/api/v1/history/csv"));
        Assert.Contains(fleet.CabinetA, await site.GetStringAsync("/api/v1/audit/csv"));
    }

    [Fact]
    public async Task A_scoped_subscriber_of_the_live_stream_hears_only_of_what_its_grants_reach()
    {
        var fleet = await SetUp("region-watch", "site-watch", "vans-watch");
        var floor = new Floor(fixture.Node, TimeProvider.System);
        await using var site = await LiveSubscription.Open(fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf("site-watch")), "/api/v1/events");
        await using var vans = await LiveSubscription.Open(fixture.Node.Client(ScopedNodeFixture<TDatabase>.KeyOf("vans-watch")), "/api/v1/events");

        // In this order: B locked down (neither's), A/2's masters key back (the site's), B/1's vans key back (the vans desk's),
        // A locked down (the site's), A/1's vans key back (both's, and the last each waits for).
        (await _admin.Post($"/api/v1/cabinets/{fleet.CabinetB}/lockdown", new { reason = "drill" })).EnsureSuccessStatusCode();
        await floor.TagEnters(fleet.CabinetA, 2);
        await floor.TagEnters(fleet.CabinetB, 1);
        (await _admin.Post($"/api/v1/cabinets/{fleet.CabinetA}/lockdown", new { reason = "drill" })).EnsureSuccessStatusCode();
        await floor.TagEnters(fleet.CabinetA, 1);

        static (string? Cabinet, int? Slot) At(ServerEvent e) =>
            (e.Data.TryGetProperty("cabinetId", out var c) ? c.GetString() : null,
                e.Data.TryGetProperty("slot", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null);
        async Task<List<(string Type, string? Cabinet, int? Slot)>> UntilLast(LiveSubscription live)
        {
            var heard = new List<(string, string?, int?)>();
            while (true)
            {
                var e = await live.Next();
                var (cabinet, slot) = At(e);
                heard.Add((e.Type, cabinet, slot));
                if (e.Type == "custody" && cabinet == fleet.CabinetA && slot == 1) return heard;
            }
        }

        var siteHeard = await UntilLast(site);
        Assert.All(siteHeard, e => Assert.Equal(fleet.CabinetA, e.Cabinet));
        Assert.Contains(siteHeard, e => e is ("cabinet", _, null));
        Assert.Contains(siteHeard, e => e is ("custody", _, 2));
        var vansHeard = await UntilLast(vans);
        Assert.All(vansHeard, e => Assert.True(e.Slot == 1, $"the vans desk heard {e}"));
        Assert.Contains(vansHeard, e => e == ("custody", fleet.CabinetB, 1));
    }
}

public sealed class SqliteScopeMatrixSpecs(ScopedNodeFixture<SqliteTestDatabase> fixture) : ScopeMatrixSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScopeMatrixSpecs(ScopedNodeFixture<PostgresTestDatabase> fixture) : ScopeMatrixSpecs<PostgresTestDatabase>(fixture);

internal static partial class RoutePatterns
{
    /// <summary>A route value in a pattern, with its constraint: <c>{slot:int}</c>.</summary>
    [GeneratedRegex(@"\{([a-zA-Z]+)(:[a-z]+)?\}")]
    public static partial Regex Value();
}
