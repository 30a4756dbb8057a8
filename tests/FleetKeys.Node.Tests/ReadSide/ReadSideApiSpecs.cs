using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>Lists, custody now, history, alarms, reports and the audit log over real HTTP, on SQLite and PostgreSQL.</summary>
public abstract class ReadSideApiSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;
    private readonly HttpClient _admin = fixture.Floor.Admin;

    private static string[] Strings(JsonElement items, string property) =>
        [.. items.EnumerateArray().Select(i => i.GetProperty(property).GetString()!)];

    [Fact]
    public async Task Sites_controllers_cabinets_people_keys_and_key_groups_list_in_pages()
    {
        var site = await _floor.Site();
        var controllerOfFirst = Floor.Unique("ctl");
        var first = await _floor.Cabinet(site, slots: 2, group: "vault", controller: controllerOfFirst);
        var second = await _floor.Cabinet(site, slots: 1, group: "vault");
        var (person, _) = await _floor.Person();

        var cabinets = await _floor.Listed($"/api/v1/cabinets?siteId={site}", 2);
        var firstPage = await _floor.Get($"/api/v1/cabinets?siteId={site}&pageSize=1");
        var secondPage = await _floor.Get($"/api/v1/cabinets?siteId={site}&pageSize=1&page=2");
        var keys = await _floor.Listed($"/api/v1/keys?cabinetId={first}", 2);
        // The people and sites projections catch up on their own streams; wait for them like for the controllers.
        await Eventually.Holds(async () => Assert.Contains(person, Strings((await _floor.Get("/api/v1/people?pageSize=500")).GetProperty("items"), "id")));
        await Eventually.Holds(async () => Assert.Contains(site, Strings((await _floor.Get("/api/v1/sites?pageSize=500")).GetProperty("items"), "id")));
        await Eventually.Holds(async () => Assert.Contains(controllerOfFirst,
            Strings((await _floor.Get("/api/v1/controllers?pageSize=500")).GetProperty("items"), "id")));
        var controller = (await _floor.Get("/api/v1/controllers?pageSize=500")).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == controllerOfFirst);
        await Eventually.Holds(async () => Assert.Contains((await _floor.Get("/api/v1/key-groups")).EnumerateArray(),
            g => g.GetProperty("group").GetString() == "vault" && g.GetProperty("keys").GetInt32() >= 3));
        var vault = await _floor.Get("/api/v1/key-groups/vault/keys?pageSize=500");

        Assert.Equal(new[] { first, second }.Order(), Strings(cabinets, "id").Order());
        Assert.Equal((1, 2L), (firstPage.GetProperty("items").GetArrayLength(), firstPage.GetProperty("total").GetInt64()));
        Assert.NotEqual(firstPage.GetProperty("items")[0].GetProperty("id").GetString(), secondPage.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(["inSlot", "inSlot"], Strings(keys, "status"));
        Assert.Equal("master", keys[0].GetProperty("criticality").GetString());
        Assert.Equal(1, controller.GetProperty("cabinets").GetInt32());
        Assert.True(vault.GetProperty("total").GetInt64() >= 3);
    }

    [Fact]
    public async Task Custody_now_answers_by_key_person_and_cabinet_and_names_the_master_keys_out()
    {
        var cabinet = await _floor.Cabinet();
        var (alice, aliceBadge) = await _floor.Person();
        var (bob, bobBadge) = await _floor.Person();
        await _floor.Take(cabinet, aliceBadge, 1);
        await _floor.Take(cabinet, bobBadge, 2);

        var byCabinet = await _floor.Listed($"/api/v1/cabinets/{cabinet}/custody?status=out", 2);
        var byPerson = await _floor.Listed($"/api/v1/people/{alice}/custody", 1);
        var byKey = await _floor.Listed($"/api/v1/custody?keyId={Floor.Key(cabinet, 2)}", 1);
        var masters = (await _floor.Get("/api/v1/custody/master-keys-out?pageSize=500")).GetProperty("items");

        Assert.Equal([alice, bob], byCabinet.EnumerateArray().Select(k => k.GetProperty("holder").GetString()));
        Assert.Equal(Floor.Key(cabinet, 1), byPerson[0].GetProperty("keyId").GetString());
        Assert.Equal(bob, byKey[0].GetProperty("holder").GetString());
        Assert.Contains(masters.EnumerateArray(), k => k.GetProperty("keyId").GetString() == Floor.Key(cabinet, 1));
        Assert.DoesNotContain(masters.EnumerateArray(), k => k.GetProperty("keyId").GetString() == Floor.Key(cabinet, 2));
        Assert.All(masters.EnumerateArray(), k => Assert.Equal("master", k.GetProperty("criticality").GetString()));
    }

    [Fact]
    public async Task History_filters_by_key_person_cabinet_and_time_pages_and_exports_csv()
    {
        var cabinet = await _floor.Cabinet();
        var (alice, aliceBadge) = await _floor.Person();
        var (bob, bobBadge) = await _floor.Person();
        var start = fixture.Clock.GetUtcNow();
        await _floor.Take(cabinet, aliceBadge, 1);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var middle = fixture.Clock.GetUtcNow();
        await _floor.Return(cabinet, aliceBadge, 1);
        await _floor.Take(cabinet, bobBadge, 2);

        var all = await _floor.Listed($"/api/v1/history?cabinetId={cabinet}", 5);
        var alices = await _floor.Get($"/api/v1/history?personId={alice}");
        var key2 = await _floor.Get($"/api/v1/history?keyId={Floor.Key(cabinet, 2)}");
        var early = await _floor.Get($"/api/v1/history?cabinetId={cabinet}&from={Q(start)}&to={Q(middle)}");
        var paged = await _floor.Get($"/api/v1/history?cabinetId={cabinet}&pageSize=4&page=2");
        var csv = await _admin.GetAsync($"/api/v1/history/csv?cabinetId={cabinet}");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["released", "taken", "returned", "released", "taken"], Strings(all, "kind"));
        Assert.Equal(["released", "taken", "returned"], Strings(alices.GetProperty("items"), "kind"));
        Assert.All(key2.GetProperty("items").EnumerateArray(), h => Assert.Equal(bob, h.GetProperty("personId").GetString()));
        Assert.Equal(["released", "taken"], Strings(early.GetProperty("items"), "kind"));
        Assert.Equal((1, 5L), (paged.GetProperty("items").GetArrayLength(), paged.GetProperty("total").GetInt64()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,at,kind,slotId,cabinetId", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Contains($",returned,{cabinet}/1,{cabinet},1,", lines[3]);
    }

    private static string Q(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    [Fact]
    public async Task Alarms_are_raised_by_recorded_facts_acknowledged_with_a_note_and_cleared()
    {
        var site = await _floor.Site();
        var cabinet = await _floor.Cabinet(site);
        var (_, badge) = await _floor.Person();
        await _floor.TagLeaves(cabinet, 3);
        await _floor.Take(cabinet, badge, 1);
        await _floor.Return(cabinet, badge, 1, intoSlot: 2);

        var raised = await _floor.Listed($"/api/v1/alarms?cabinetId={cabinet}", 2);
        var bySite = await _floor.Listed($"/api/v1/alarms?siteId={site}&kind=forcedRemoval", 1);
        var forced = raised.EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "forcedRemoval").GetProperty("id").GetInt64();
        var ops = fixture.Node.Client(NodeApp.OperatorKey);
        var clearTooSoon = await (await ops.Post($"/api/v1/alarms/{forced}/clear", new { note = "fine" })).Read<JsonElement>(HttpStatusCode.Conflict);
        var acknowledged = await (await ops.Post($"/api/v1/alarms/{forced}/acknowledge", new { note = "guard sent" })).Read<JsonElement>(HttpStatusCode.OK);
        var cleared = await (await ops.Post($"/api/v1/alarms/{forced}/clear", new { note = "key found" })).Read<JsonElement>(HttpStatusCode.OK);
        var acknowledgeCleared = await (await ops.Post($"/api/v1/alarms/{forced}/acknowledge", new { note = "again" })).Read<JsonElement>(HttpStatusCode.Conflict);
        await _floor.Listed($"/api/v1/alarms?cabinetId={cabinet}&state=cleared", 1);
        var active = await _floor.Get($"/api/v1/alarms?cabinetId={cabinet}");
        var one = await _floor.Get($"/api/v1/alarms/{forced}");

        Assert.Equal(["wrongSlotReturn", "forcedRemoval"], Strings(raised, "kind"));
        Assert.Equal("forcedRemoval", bySite[0].GetProperty("kind").GetString());
        Assert.Equal("Conflict", clearTooSoon.GetProperty("code").GetString());
        Assert.Equal(("acknowledged", "guard sent", "ops"), (acknowledged.GetProperty("state").GetString(),
            acknowledged.GetProperty("acknowledged").GetProperty("note").GetString(), acknowledged.GetProperty("acknowledged").GetProperty("by").GetString()));
        Assert.Equal("cleared", cleared.GetProperty("state").GetString());
        Assert.Equal("Conflict", acknowledgeCleared.GetProperty("code").GetString());
        Assert.Equal(["wrongSlotReturn"], Strings(active.GetProperty("items"), "kind"));
        Assert.Equal("key found", one.GetProperty("cleared").GetProperty("note").GetString());
        await _floor.Get("/api/v1/alarms/999999999", HttpStatusCode.NotFound);
        await (await ops.Post("/api/v1/alarms/999999999/acknowledge", new { note = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reports_name_overdue_keys_keys_held_by_people_no_longer_active_keys_not_returned_and_usage_per_group()
    {
        var group = Floor.Unique("g");
        var cabinet = await _floor.Cabinet(slots: 3, group: group, maxDurationMinutes: 30);
        var (leaver, leaverBadge) = await _floor.Person();
        var (stayer, stayerBadge) = await _floor.Person();
        var start = fixture.Clock.GetUtcNow();
        await _floor.Take(cabinet, leaverBadge, 1);
        await _floor.Take(cabinet, stayerBadge, 2);
        await _floor.Take(cabinet, stayerBadge, 3);
        fixture.Clock.Advance(TimeSpan.FromMinutes(45));
        await _floor.Return(cabinet, stayerBadge, 3);
        await (await _admin.Post($"/api/v1/people/{leaver}/revoke", new { status = "terminated", reason = "left" })).Read<JsonElement>(HttpStatusCode.OK);
        await _floor.Listed($"/api/v1/history?cabinetId={cabinet}&pageSize=500", 7);

        await Eventually.Holds(async () => Assert.Contains(
            (await _floor.Get("/api/v1/reports/held-by-inactive")).EnumerateArray(), h => h.GetProperty("person").GetProperty("id").GetString() == leaver));
        var overdue = (await _floor.Get("/api/v1/reports/overdue")).EnumerateArray().Where(k => k.GetProperty("cabinetId").GetString() == cabinet).ToList();
        var notReturned = (await _floor.Get("/api/v1/reports/not-returned?olderThanHours=0")).EnumerateArray()
            .Where(k => k.GetProperty("cabinetId").GetString() == cabinet).ToList();
        var notReturnedForADay = (await _floor.Get("/api/v1/reports/not-returned")).EnumerateArray()
            .Where(k => k.GetProperty("cabinetId").GetString() == cabinet).ToList();
        var usage = (await _floor.Get($"/api/v1/reports/usage?from={Q(start)}&to={Q(fixture.Clock.GetUtcNow().AddSeconds(1))}"))
            .EnumerateArray().Single(u => u.GetProperty("group").GetString() == group);
        var held = (await _floor.Get("/api/v1/reports/held-by-inactive")).EnumerateArray().Single(h => h.GetProperty("person").GetProperty("id").GetString() == leaver);

        Assert.Equal([leaver, stayer], overdue.Select(k => k.GetProperty("holder").GetString()));
        Assert.All(overdue, k => Assert.True(k.GetProperty("overdue").GetBoolean()));
        Assert.Equal(2, notReturned.Count);
        Assert.Empty(notReturnedForADay);
        Assert.Equal((3, 2, 1), (usage.GetProperty("takes").GetInt32(), usage.GetProperty("people").GetInt32(), usage.GetProperty("overdueReturns").GetInt32()));
        Assert.Equal(("terminated", Floor.Key(cabinet, 1)), (held.GetProperty("person").GetProperty("status").GetString(),
            held.GetProperty("key").GetProperty("keyId").GetString()));
    }

    [Fact]
    public async Task The_audit_log_lists_exports_and_verifies_the_journal()
    {
        var cabinet = await _floor.Cabinet(slots: 1);
        await Eventually.Holds(async () => Assert.True((await _floor.Get($"/api/v1/audit?persistenceId=keyslot-{cabinet}/1")).GetProperty("total").GetInt64() >= 1));

        var page = await _floor.Get($"/api/v1/audit?persistenceId=cabinet-{cabinet}");
        var verification = await _floor.Get("/api/v1/audit/verify");
        var csv = await (await _admin.GetAsync($"/api/v1/audit/csv?persistenceId=cabinet-{cabinet}")).Content.ReadAsStringAsync();
        var entry = page.GetProperty("items")[0];

        Assert.Equal("cabinet.registered.v1", entry.GetProperty("type").GetString());
        Assert.Equal(cabinet, entry.GetProperty("event").GetProperty("Cabinet").GetString());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("rowsChecked").GetInt64() > 0);
        Assert.StartsWith("seq,ordering,persistenceId,sequenceNr,type,recordedAt,event,previousHash,hash\r\n", csv);
        Assert.Contains(entry.GetProperty("hash").GetString()!, csv);
    }

    [Fact]
    public async Task Who_holds_which_key_through_the_api_matches_the_entities_after_a_burst_of_concurrent_takes_and_returns()
    {
        const int slots = 8;
        var cabinets = new[] { await _floor.Cabinet(slots: slots), await _floor.Cabinet(slots: slots) };
        var people = new List<(string Person, string Badge)>();
        for (var i = 0; i < 6; i++) people.Add(await _floor.Person(maxKeys: 20));

        // Everyone reaches for everything at once; each slot is then returned or not by a coin that is the same every run.
        var attempts = cabinets.SelectMany(c => Enumerable.Range(1, slots).SelectMany(s => people.Select(p => (Cabinet: c, Slot: s, p.Badge))));
        await Task.WhenAll(attempts.Select(async a =>
        {
            await Task.Yield();
            try
            {
                await _floor.Take(a.Cabinet, a.Badge, a.Slot);
                if ((a.Slot + a.Badge.Length) % 3 == 0) await _floor.Return(a.Cabinet, a.Badge, a.Slot);
            }
            catch (Xunit.Sdk.XunitException)
            {
                // Someone else got the key first: refused, as it should be.
            }
        }));

        foreach (var cabinet in cabinets)
        {
            var entities = new List<(string? Status, string? Holder)>();
            for (var slot = 1; slot <= slots; slot++)
            {
                var custody = await _floor.Get($"/api/v1/cabinets/{cabinet}/slots/{slot}");
                entities.Add((custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
            }

            await Eventually.Holds(async () =>
            {
                var read = (await _floor.Get($"/api/v1/cabinets/{cabinet}/custody")).GetProperty("items").EnumerateArray()
                    .Select(k => (k.GetProperty("status").GetString(), k.GetProperty("holder").GetString())).ToList();
                Assert.Equal(entities, read);
            });
            Assert.Contains(entities, e => e.Status == "out");
        }
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_openapi_document_and_the_reference_and_metrics_are_served()
    {
        var document = await (await fixture.Node.Client(null).GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var reference = await fixture.Node.Client(null).GetAsync("/scalar/v1");
        await _floor.Take(await _floor.Cabinet(slots: 1), (await _floor.Person()).Badge, 1);
        var metrics = await (await fixture.Node.Client(null).GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Superset(new HashSet<string>
        {
            "/api/v1/sites", "/api/v1/controllers", "/api/v1/cabinets", "/api/v1/people", "/api/v1/keys", "/api/v1/key-groups",
            "/api/v1/key-groups/{group}/keys", "/api/v1/custody", "/api/v1/custody/master-keys-out", "/api/v1/people/{id}/custody",
            "/api/v1/cabinets/{id}/custody", "/api/v1/history", "/api/v1/history/csv", "/api/v1/alarms", "/api/v1/alarms/{id}",
            "/api/v1/alarms/{id}/acknowledge", "/api/v1/alarms/{id}/clear", "/api/v1/cabinets/{id}/slots/{slot}/remote-release",
            "/api/v1/cabinets/{id}/emergency-open", "/api/v1/cabinets/{id}/lockdown", "/api/v1/reports/overdue",
            "/api/v1/reports/held-by-inactive", "/api/v1/reports/not-returned", "/api/v1/reports/usage", "/api/v1/audit",
            "/api/v1/audit/csv", "/api/v1/audit/verify", "/api/v1/projections", "/api/v1/projections/{name}/rebuild", "/api/v1/events",
            "/api/v1/reports/reconciliation", "/api/v1/reports/reconciliation/csv",
        }, paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("fleetkeys_custody_transactions", metrics);
        Assert.Contains("fleetkeys_alarms_open", metrics);
        Assert.Contains("fleetkeys_cabinets_online", metrics);
    }

    [Fact]
    public async Task The_openapi_document_names_the_query_arguments_each_route_reads()
    {
        var paths = (await (await fixture.Node.Client(null).GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("paths");
        string[] Arguments(string path) =>
            [.. paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];

        Assert.Equal(["page", "pageSize"], Arguments("/api/v1/sites"));
        Assert.Equal(["status", "search", "page", "pageSize"], Arguments("/api/v1/people"));
        Assert.Equal(["siteId", "from", "to"], Arguments("/api/v1/reports/activity"));
        Assert.Equal(["status", "siteId", "cabinetId", "from", "to", "page", "pageSize"], Arguments("/api/v1/reports/reconciliation"));
        Assert.Equal(["siteId", "cabinetId", "lastEventId", "Last-Event-ID"], Arguments("/api/v1/events"));
    }

    [Fact]
    public async Task Metrics_count_keys_out_overdue_and_master_keys_out_per_site_and_carry_runtime_and_process_figures()
    {
        var site = await _floor.Site();
        var idle = await _floor.Site();
        var cabinet = await _floor.Cabinet(site, slots: 3, maxDurationMinutes: 60);
        foreach (var slot in new[] { 1, 2 }) await _floor.Take(cabinet, (await _floor.Person()).Badge, slot);
        await _floor.Listed($"/api/v1/cabinets/{cabinet}/custody?status=out", 2);
        // The exporter answers from its last scrape for a moment (another spec of this node may just have scraped), and a
        // gauge whose read meets a busy database is left out of a scrape rather than reported wrong: wait for a whole one.
        var taken = "";
        await Eventually.Holds(async () =>
        {
            taken = await Metrics();
            Assert.Equal((2, 1, 0), (Gauge(taken, "fleetkeys_keys_out", site), Gauge(taken, "fleetkeys_keys_master_out", site),
                Gauge(taken, "fleetkeys_keys_overdue", site)));
        });
        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = "";
        await Eventually.Holds(async () =>
        {
            later = await Metrics();
            Assert.Equal((2, 1, 2), (Gauge(later, "fleetkeys_keys_out", site), Gauge(later, "fleetkeys_keys_master_out", site),
                Gauge(later, "fleetkeys_keys_overdue", site)));
            Assert.Equal((0, 0, 0), (Gauge(later, "fleetkeys_keys_out", idle), Gauge(later, "fleetkeys_keys_overdue", idle),
                Gauge(later, "fleetkeys_cabinets_online", idle)));
        });

        Assert.Contains("\ndotnet_gc_collections_total", taken);
        Assert.Contains("\ndotnet_thread_pool_thread_count", taken);
        Assert.Contains("\nprocess_cpu_time_seconds_total", taken);
        Assert.Contains("\nprocess_memory_usage_bytes", taken);
    }

    private Task<string> Metrics() => fixture.Node.Client(null).GetStringAsync("/metrics");

    /// <summary>The value of one gauge's series for one site, from Prometheus's text format.</summary>
    private static int Gauge(string metrics, string name, string site)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains($"site=\"{site}\"", StringComparison.Ordinal));
        Assert.True(line is not null, $"no {name} for site {site} in\n{metrics}");
        return int.Parse(line![(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_projections_report_their_offsets_and_rebuild_on_request()
    {
        var statuses = await _floor.Get("/api/v1/projections");
        var rebuilt = await (await _admin.PostAsync("/api/v1/projections/sites/rebuild", null)).Read<JsonElement>(HttpStatusCode.Accepted);
        var unknown = await (await _admin.PostAsync("/api/v1/projections/nothing/rebuild", null)).Read<JsonElement>(HttpStatusCode.NotFound);

        Assert.Equal(["alarms", "audit", "cabinets", "controllers", "custody", "discrepancies", "notifications", "people", "sites"], Strings(statuses, "name").Order());
        Assert.Equal("sites", rebuilt.GetProperty("name").GetString());
        Assert.Equal("NotFound", unknown.GetProperty("code").GetString());
    }

    public static TheoryData<string, string, string?, string> InvalidRequests => new()
    {
        { "GET", "/api/v1/sites?page=0", null, "page" },
        { "GET", "/api/v1/controllers?pageSize=x", null, "pageSize" },
        { "GET", "/api/v1/cabinets?pageSize=501", null, "pageSize" },
        { "GET", "/api/v1/cabinets?online=maybe", null, "online" },
        { "GET", "/api/v1/cabinets?siteId=bad%20id", null, "siteId" },
        { "GET", "/api/v1/people?status=retired", null, "status" },
        { "GET", "/api/v1/keys?criticality=ultra", null, "criticality" },
        { "GET", "/api/v1/custody?status=lost", null, "status" },
        { "GET", "/api/v1/custody?personId=a%20b", null, "personId" },
        { "GET", "/api/v1/custody/master-keys-out?page=-1", null, "page" },
        { "GET", "/api/v1/history?from=yesterday", null, "from" },
        { "GET", "/api/v1/history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, "to" },
        { "GET", "/api/v1/history?keyId=a%20b", null, "keyId" },
        { "GET", "/api/v1/history/csv?to=never", null, "to" },
        { "GET", "/api/v1/alarms?state=burning", null, "state" },
        { "GET", "/api/v1/alarms?kind=fire", null, "kind" },
        { "GET", "/api/v1/reports/not-returned?olderThanHours=-1", null, "olderThanHours" },
        { "GET", "/api/v1/reports/usage?from=x", null, "from" },
        { "GET", "/api/v1/reports/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, "to" },
        { "GET", "/api/v1/reports/activity?siteId=bad%20id", null, "siteId" },
        { "GET", "/api/v1/reports/reconciliation?status=closed", null, "status" },
        { "GET", "/api/v1/reports/reconciliation?cabinetId=bad%20id", null, "cabinetId" },
        { "GET", "/api/v1/reports/reconciliation?pageSize=0", null, "pageSize" },
        { "GET", "/api/v1/reports/reconciliation/csv?from=x", null, "from" },
        { "GET", "/api/v1/alarms?security=maybe", null, "security" },
        { "GET", "/api/v1/overview/cabinets?state=sleepy&page=0", null, "page" },
        { "GET", "/api/v1/audit?pageSize=0", null, "pageSize" },
        { "GET", "/api/v1/audit/csv?from=x", null, "from" },
        { "GET", "/api/v1/events?cabinetId=bad%20id", null, "cabinetId" },
        { "GET", "/api/v1/events?lastEventId=abc", null, "Last-Event-ID" },
        { "POST", "/api/v1/cabinets/c1/slots/1/remote-release", """{"reason":"x"}""", "personId" },
        { "POST", "/api/v1/cabinets/c1/slots/1/remote-release", """{"personId":"p1"}""", "reason" },
        { "POST", "/api/v1/cabinets/c1/slots/1/remote-release", """{"personId":7,"reason":"x"}""", "personId" },
        { "POST", "/api/v1/cabinets/c1/emergency-open", """{"reason":"fire","minutes":0}""", "minutes" },
        { "POST", "/api/v1/cabinets/c1/emergency-open", "{}", "reason" },
        { "POST", "/api/v1/cabinets/c1/lockdown", "{}", "reason" },
        { "POST", "/api/v1/alarms/1/acknowledge", "{}", "note" },
        { "POST", "/api/v1/alarms/1/acknowledge", """{"note":5}""", "note" },
        { "POST", "/api/v1/alarms/1/clear", $$"""{"note":"{{new string('x', 1001)}}"}""", "note" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_a_problem_naming_the_field(string method, string path, string? json, string field)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var problem = await (await _admin.SendAsync(request)).Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var ops = fixture.Node.Client(NodeApp.OperatorKey);
        var cabinet = await _floor.Cabinet(slots: 1);
        var (person, _) = await _floor.Person();

        await (await ops.Post("/api/v1/cabinets/nothing/slots/1/remote-release", new { personId = person, reason = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = "nobody", reason = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post("/api/v1/cabinets/nothing/emergency-open", new { reason = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post("/api/v1/cabinets/nothing/lockdown", new { reason = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.DeleteAsync("/api/v1/cabinets/nothing/lockdown")).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/v1/people/nobody/pin")).Read<JsonElement>(HttpStatusCode.NotFound);
        await _floor.Get("/api/v1/alarms/not-a-number", HttpStatusCode.NotFound);
        await _floor.Get("/api/v1/people/bad%20id/custody", HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string?, string> MalformedIds => new()
    {
        { "GET", "/api/v1/sites/bad%20id", null, "site 'bad id' does not exist" },
        { "GET", "/api/v1/controllers/bad%20id", null, "controller 'bad id' does not exist" },
        { "DELETE", "/api/v1/cabinets/bad%20id", null, "cabinet 'bad id' does not exist" },
        { "GET", "/api/v1/cabinets/c1/slots/0", null, "slot '0' does not exist" },
        { "PUT", "/api/v1/cabinets/c1/slots/999/key", "{}", "slot '999' does not exist" },
        { "GET", "/api/v1/key-groups/bad%20id/keys", null, "key group 'bad id' does not exist" },
        { "POST", "/api/v1/people/bad%20id/revoke", """{"status":"suspended","reason":"x"}""", "person 'bad id' does not exist" },
        { "POST", "/api/v1/alarms/0/clear", "{}", "alarm '0' does not exist" },
    };

    /// <summary>Checked before the body: an id that cannot be valid names nothing, whatever else the request says.</summary>
    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task An_id_in_the_url_that_cannot_be_valid_is_a_404_naming_it(string method, string path, string? json, string detail)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var problem = await (await _admin.SendAsync(request)).Read<JsonElement>(HttpStatusCode.NotFound);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string, string?, string?, HttpStatusCode> RoleBoundaries => new()
    {
        { "GET", "/api/v1/custody", null, null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/events", null, null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/audit/verify", null, null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/audit/verify", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/history/csv", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/reports/overdue", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/reports/reconciliation", null, null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/reports/reconciliation/csv", null, null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/reports/reconciliation", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/reports/reconciliation/csv", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/reports/reconciliation?status=all", null, NodeApp.OperatorKey, HttpStatusCode.OK },
        { "GET", "/api/v1/reports/reconciliation/csv?status=resolved", null, NodeApp.AdminKey, HttpStatusCode.OK },
        { "GET", "/api/v1/projections", null, NodeApp.AuditorKey, HttpStatusCode.OK },
        { "POST", "/api/v1/cabinets/c1/slots/1/remote-release", """{"personId":"p1","reason":"x"}""", NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/cabinets/c1/emergency-open", """{"reason":"fire"}""", NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/cabinets/c1/lockdown", """{"reason":"x"}""", NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "DELETE", "/api/v1/cabinets/c1/lockdown", null, NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/alarms/1/acknowledge", """{"note":"x"}""", NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/alarms/1/clear", "{}", NodeApp.AuditorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/projections/sites/rebuild", null, NodeApp.OperatorKey, HttpStatusCode.Forbidden },
        { "DELETE", "/api/v1/people/p1/pin", null, NodeApp.OperatorKey, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/cabinets/c1/lockdown", """{"reason":"x"}""", NodeApp.OperatorKey, HttpStatusCode.NotFound },
        { "POST", "/api/v1/alarms/1/acknowledge", """{"note":"x"}""", NodeApp.OperatorKey, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(RoleBoundaries))]
    public async Task Each_role_may_do_what_it_is_for_and_nothing_more(string method, string path, string? json, string? key, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await fixture.Node.Client(key).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class SqliteReadSideApiSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : ReadSideApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresReadSideApiSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : ReadSideApiSpecs<PostgresTestDatabase>(fixture);
