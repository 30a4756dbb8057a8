using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>The foundation's management endpoints over real HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class ManagementApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<string> Site()
    {
        var id = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Cabinet(int slots = 2)
    {
        var site = await Site();
        var id = Unique("cab");
        var (controller, busAddress) = await TestControllers.NextBusAddress(_admin);
        await (await _admin.Post("/api/v1/cabinets", new { id, siteId = site, controllerId = controller, busAddress, slotCount = slots }))
            .Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Person()
    {
        var id = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task A_fleet_configured_through_the_api_reads_back_as_configured()
    {
        var cabinet = await Cabinet();
        var key = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/1/key",
                new
                {
                    keyId = $"k-{cabinet}", name = "Plant room", group = "facilities", criticality = "master", tagId = $"t-{cabinet}",
                    maxDurationMinutes = 120, returnBy = "17:00", remindMinutesBefore = 15, escalateToSecurityAfterMinutes = 30,
                    escalateToManagerAfterMinutes = 90,
                }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var person = await Person();
        await (await _admin.Post($"/api/v1/people/{person}/badges", new { badge = Unique("badge") })).Read<JsonElement>(HttpStatusCode.OK);
        var pin = await _admin.Put($"/api/v1/people/{person}/pin", new { pin = "13579" });
        await (await _admin.Put($"/api/v1/people/{person}/entitlements",
                new[] { new { group = "facilities", siteId = (string?)null, cabinetId = cabinet, schedule = new[] { new { days = new[] { "monday", "friday" }, from = "07:00", to = "19:00" } } } }))
            .Read<JsonElement>(HttpStatusCode.OK);

        var personView = await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK);
        var cabinetView = await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}")).Read<JsonElement>(HttpStatusCode.OK);
        var custody = await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1")).Read<JsonElement>(HttpStatusCode.OK);
        var history = await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1/history")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, pin.StatusCode);
        Assert.Equal("master", key.GetProperty("key").GetProperty("criticality").GetString());
        Assert.Equal("17:00", key.GetProperty("key").GetProperty("returnBy").GetString());
        Assert.Equal((15, 30, 90), (key.GetProperty("key").GetProperty("remindMinutesBefore").GetInt32(),
            key.GetProperty("key").GetProperty("escalateToSecurityAfterMinutes").GetInt32(),
            key.GetProperty("key").GetProperty("escalateToManagerAfterMinutes").GetInt32()));
        Assert.True(personView.GetProperty("hasPin").GetBoolean());
        Assert.Single(personView.GetProperty("badges").EnumerateArray());
        Assert.Equal("07:00", personView.GetProperty("entitlements")[0].GetProperty("schedule")[0].GetProperty("from").GetString());
        Assert.Equal($"t-{cabinet}", cabinetView.GetProperty("slots")[0].GetProperty("homeTag").GetString());
        Assert.Equal("unassigned", cabinetView.GetProperty("slots")[1].GetProperty("status").GetString());
        Assert.Equal("inSlot", custody.GetProperty("status").GetString());
        Assert.Equal("keyslot.assigned.v1", history[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_persons_email_and_manager_are_set_at_creation_and_changed_later()
    {
        var manager = await Person();
        var id = Unique("p");
        var created = await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 1, email = "pat@example.com", managerId = manager }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var changed = await (await _admin.Put($"/api/v1/people/{id}/contact", new { email = "pat.smith@example.com" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var self = await _admin.Put($"/api/v1/people/{id}/contact", new { managerId = id });
        var unknown = await _admin.Put("/api/v1/people/nobody-here/contact", new { email = "x@example.com" });

        Assert.Equal(("pat@example.com", manager), (created.GetProperty("email").GetString(), created.GetProperty("managerId").GetString()));
        Assert.Equal("pat.smith@example.com", changed.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("managerId").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Holidays_and_the_key_policies_read_back_as_configured()
    {
        var cabinet = await Cabinet();
        var site = (await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("siteId").GetString();
        var key = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/1/key",
                new { keyId = $"k-{cabinet}", name = "Vault", group = "vault", tagId = $"t-{cabinet}", returnFirst = true, dualAuthorisationSeconds = 45 }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var roaming = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key",
                new { keyId = $"k2-{cabinet}", name = "Van", group = "vans", tagId = $"t2-{cabinet}", returnTo = "returnGroup", returnGroup = "north" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var grouped = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/return-groups", new { groups = new[] { "south", "north", "south" } }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var set = await (await _admin.Put($"/api/v1/sites/{site}/holidays", new { holidays = new[] { "2026-12-25", "2026-01-01", "2026-12-25" } }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var read = await (await _admin.GetAsync($"/api/v1/sites/{site}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.True(key.GetProperty("key").GetProperty("returnFirst").GetBoolean());
        Assert.Equal(45, key.GetProperty("key").GetProperty("dualAuthorisationSeconds").GetInt32());
        Assert.Equal(("returnGroup", "north"),
            (roaming.GetProperty("key").GetProperty("returnTo").GetString(), roaming.GetProperty("key").GetProperty("returnGroup").GetString()));
        Assert.Equal(["north", "south"], grouped.GetProperty("returnGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["2026-01-01", "2026-12-25"], set.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(set.GetProperty("holidays").ToString(), read.GetProperty("holidays").ToString());
    }

    [Fact]
    public async Task A_keys_reasons_and_return_questions_read_back_and_answers_are_refused_until_a_return_awaits_them()
    {
        var cabinet = await Cabinet();
        var path = $"/api/v1/cabinets/{cabinet}/slots/1";
        var key = (await (await _admin.Put($"{path}/key", new
            {
                keyId = $"k-{cabinet}", name = "Van", group = "vans", tagId = $"t-{cabinet}", reasons = new[] { "Delivery", "Service" },
                returnQuestions = new { odometer = true, fuel = true },
            })).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("key");

        Assert.Equal(["Delivery", "Service"], key.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var questions = key.GetProperty("returnQuestions");
        Assert.Equal((true, true, false),
            (questions.GetProperty("odometer").GetBoolean(), questions.GetProperty("fuel").GetBoolean(), questions.GetProperty("damage").GetBoolean()));

        var early = await (await _admin.Post($"{path}/return-answers", new { odometerKm = 100, fuelPercent = 50 })).Read<JsonElement>(HttpStatusCode.Conflict);
        Assert.Contains("awaits answers", early.GetProperty("detail").GetString());
        var unasked = await (await _admin.Post($"{path}/return-answers", new { odometerKm = 100, fuelPercent = 50, damaged = true }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(unasked.GetProperty("errors").TryGetProperty("damaged", out _), unasked.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Post("/api/v1/cabinets/nowhere/slots/1/return-answers", new { odometerKm = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.Node.Client(NodeApp.AuditorKey).Post($"{path}/return-answers", new { odometerKm = 1 })).StatusCode);
    }

    [Fact]
    public async Task A_controller_reads_back_with_its_cabinets_and_its_driver_status()
    {
        var controller = Unique("ctl");
        var site = await Site();
        await (await _admin.Post("/api/v1/controllers", new { id = controller, host = "127.0.0.1", port = 9, offlinePolicy = "allowCached" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post("/api/v1/cabinets", new { id = Unique("cab"), siteId = site, controllerId = controller, busAddress = 3, slotCount = 4, requiresPin = true }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var taken = await (await _admin.Post("/api/v1/cabinets", new { id = Unique("cab"), siteId = site, controllerId = controller, busAddress = 3, slotCount = 4 }))
            .Read<JsonElement>(HttpStatusCode.Conflict);

        var view = await (await _admin.GetAsync($"/api/v1/controllers/{controller}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("allowCached", view.GetProperty("offlinePolicy").GetString());
        Assert.Equal(3, view.GetProperty("cabinets")[0].GetProperty("busAddress").GetInt32());
        Assert.True(view.GetProperty("cabinets")[0].GetProperty("requiresPin").GetBoolean());
        Assert.False(view.GetProperty("driver").GetProperty("connected").GetBoolean());
        Assert.Equal("Conflict", taken.GetProperty("code").GetString());
        await (await _admin.GetAsync("/api/v1/controllers/none")).Read<JsonElement>(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_the_node_serves()
    {
        var document = await (await fixture.Node.Client(null).GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK);
        var documented = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var served = fixture.Node.Service<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.Trim('/'), @":[a-z]+\}", "}"))
            .Where(p => p.StartsWith("/api/v1", StringComparison.Ordinal))
            .ToHashSet();

        Assert.True(served.Count > 30, $"only {served.Count} endpoints found");
        Assert.Empty(served.Except(documented));
    }

    [Fact]
    public async Task Each_openapi_document_describes_its_api_and_the_bearer_scheme_its_calls_carry()
    {
        var client = fixture.Node.Client(null);
        var api = await (await client.GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK);
        var scim = await (await client.GetAsync("/openapi/scim.json")).Read<JsonElement>(HttpStatusCode.OK);

        foreach (var (document, scheme) in new[] { (api, "apiKey"), (scim, "scimToken") })
        {
            Assert.True(document.GetProperty("info").GetProperty("description").GetString()!.Length > 100, "the document should say what the API is");
            var declared = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(scheme);
            Assert.Equal(("http", "bearer"), (declared.GetProperty("type").GetString(), declared.GetProperty("scheme").GetString()));
            Assert.True(document.GetProperty("security")[0].TryGetProperty(scheme, out _), $"every call should require {scheme}");
        }

        // The access-control webhook is signed, not keyed: it says so, so a client does not send an API key to it.
        Assert.Equal(0, api.GetProperty("paths").GetProperty("/api/v1/hooks/access-control").GetProperty("post").GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task The_scim_document_lists_every_scim_endpoint_and_the_api_document_none()
    {
        var client = fixture.Node.Client(null);
        var api = (await (await client.GetAsync("/openapi/v1.json")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("paths");
        var scim = (await (await client.GetAsync("/openapi/scim.json")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("paths");
        var served = fixture.Node.Service<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("/scim/v2/", StringComparison.Ordinal) && !p.Contains("**", StringComparison.Ordinal))
            .ToHashSet();
        var scimPaths = scim.EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "/scim/v2/Users", "/scim/v2/Users/{id}", "/scim/v2/Groups", "/scim/v2/Groups/{id}",
            "/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/ResourceTypes" }, served);
        Assert.Empty(served.Except(scimPaths));
        Assert.All(scimPaths, p => Assert.StartsWith("/scim/v2/", p));
        Assert.DoesNotContain(api.EnumerateObject(), p => p.Name.StartsWith("/scim", StringComparison.Ordinal));
        Assert.Contains("filter", scim.GetProperty("/scim/v2/Users").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_api_reference_page_shows_no_vendor_toolbar_ai_agent_mcp_offer_or_telemetry()
    {
        var page = await (await fixture.Node.Client(null).GetAsync("/scalar/v1")).Content.ReadAsStringAsync();

        Assert.Contains("\"showDeveloperTools\":\"never\"", page);
        Assert.Contains("\"agent\":{\"disabled\":true}", page);
        Assert.Contains("\"mcp\":{\"disabled\":true}", page);
        Assert.Contains("\"telemetry\":false", page);
        Assert.Contains("utm_source=powered-by", page);
    }

    [Fact]
    public async Task A_pin_is_changed_with_the_current_one_which_must_be_right_and_differ_from_the_new_one()
    {
        var person = await Person();
        await _admin.Put($"/api/v1/people/{person}/pin", new { pin = "86420" });
        var setAt = (await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("pinSetAt").GetDateTimeOffset();

        var wrongOld = await _admin.Post($"/api/v1/people/{person}/pin/change", new { oldPin = "11111", pin = "24680" });
        var unchanged = await _admin.Post($"/api/v1/people/{person}/pin/change", new { oldPin = "86420", pin = "86420" });
        var changed = await _admin.Post($"/api/v1/people/{person}/pin/change", new { oldPin = "86420", pin = "24680" });
        var again = await _admin.Post($"/api/v1/people/{person}/pin/change", new { oldPin = "24680", pin = "13579" });

        Assert.Equal("WrongPin", (await wrongOld.Read<JsonElement>(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.True((await unchanged.Read<JsonElement>(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pin", out _));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (changed.StatusCode, again.StatusCode));
        var view = await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.True(view.GetProperty("pinSetAt").GetDateTimeOffset() >= setAt);
        Assert.DoesNotContain("13579", view.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Post("/api/v1/people/nobody/pin/change", new { oldPin = "1234", pin = "5678" })).StatusCode);
    }

    [Fact]
    public async Task A_pin_and_a_duress_pin_are_never_returned()
    {
        var person = await Person();
        await _admin.Put($"/api/v1/people/{person}/pin", new { pin = "86420" });
        var duress = await _admin.Put($"/api/v1/people/{person}/duress-pin", new { pin = "97531" });
        var pinLikeTheDuressPin = await _admin.Put($"/api/v1/people/{person}/pin", new { pin = "97531" });

        var body = await (await _admin.GetAsync($"/api/v1/people/{person}")).Content.ReadAsStringAsync();

        Assert.Contains("\"hasPin\":true", body);
        Assert.DoesNotContain("86420", body);
        Assert.DoesNotContain("97531", body);
        Assert.DoesNotContain("pbkdf2", body);
        Assert.Equal(HttpStatusCode.NoContent, duress.StatusCode);
        Assert.True((await pinLikeTheDuressPin.Read<JsonElement>(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pin", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/people/{person}/duress-pin")).StatusCode);
    }

    [Fact]
    public async Task A_cabinets_alarm_settings_read_back_as_set_and_start_at_the_defaults()
    {
        var cabinet = await Cabinet();
        var path = $"/api/v1/cabinets/{cabinet}/alarm-settings";

        var defaults = await (await _admin.GetAsync(path)).Read<JsonElement>(HttpStatusCode.OK);
        var set = await (await _admin.Put(path, new { doorOpenSeconds = 45, pinAttempts = 3, pinWindowMinutes = 5, pinLockoutMinutes = 60 }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var read = await (await _admin.GetAsync(path)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal((120, 5, 10, 15), Settings(defaults));
        Assert.Equal((45, 3, 5, 60), Settings(set));
        Assert.Equal((45, 3, 5, 60), Settings(read));
        static (int, int, int, int) Settings(JsonElement s) => (s.GetProperty("doorOpenSeconds").GetInt32(), s.GetProperty("pinAttempts").GetInt32(),
            s.GetProperty("pinWindowMinutes").GetInt32(), s.GetProperty("pinLockoutMinutes").GetInt32());
    }

    public static TheoryData<string, string, string, string> InvalidRequests => new()
    {
        { "POST", "/api/v1/sites", """{"id":"bad id","name":"x","timeZone":"UTC"}""", "id" },
        { "POST", "/api/v1/sites", """{"id":"s1","name":"x","timeZone":"Mars/Olympus"}""", "timeZone" },
        { "POST", "/api/v1/sites", """{"id":"s1","timeZone":"UTC"}""", "name" },
        { "POST", "/api/v1/sites", "{\"id\":\"s1\",\"name\":", "name" },
        { "POST", "/api/v1/sites", "[1,2]", "body" },
        { "POST", "/api/v1/cabinets", """{"id":"c1","siteId":"s","controllerId":"k","busAddress":1,"slotCount":0}""", "slotCount" },
        { "POST", "/api/v1/cabinets", """{"id":"c1","siteId":"s","controllerId":"k","busAddress":300,"slotCount":4}""", "busAddress" },
        { "POST", "/api/v1/cabinets", """{"id":"c1","siteId":"s","controllerId":"k","busAddress":1,"slotCount":"ten"}""", "slotCount" },
        { "POST", "/api/v1/cabinets", """{"id":"c1","controllerId":"k","busAddress":1,"slotCount":4}""", "siteId" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","returnBy":"25:99"}""", "returnBy" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","criticality":"ultra"}""", "criticality" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","maxDurationMinutes":0}""", "maxDurationMinutes" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g"}""", "tagId" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","remindMinutesBefore":0}""", "remindMinutesBefore" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","escalateToSecurityAfterMinutes":-5}""", "escalateToSecurityAfterMinutes" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","dualAuthorisationSeconds":0}""", "dualAuthorisationSeconds" },
        { "PUT", "/api/v1/sites/s1/holidays", """{"holidays":["2026-12-25","Christmas"]}""", "holidays[1]" },
        { "PUT", "/api/v1/sites/s1/holidays", """{}""", "holidays" },
        { "PUT", "/api/v1/cabinets/c1/interlocks/plant", """{"masterSlot":1,"slots":[]}""", "slots" },
        { "PUT", "/api/v1/cabinets/c1/interlocks/plant", """{"slots":[2]}""", "masterSlot" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","returnTo":"returnGroup"}""", "returnGroup" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","returnGroup":"north"}""", "returnGroup" },
        { "PUT", "/api/v1/cabinets/c1/return-groups", """{}""", "groups" },
        { "PUT", "/api/v1/cabinets/c1/return-groups", """{"groups":["north side"]}""", "groups" },
        { "POST", "/api/v1/cabinets/c1/slots/1/reservations", """{"personId":"p1","from":"2026-02-01T10:00:00Z","until":"2026-02-01T09:00:00Z"}""", "until" },
        { "POST", "/api/v1/cabinets/c1/slots/1/reservations", """{"personId":"p1","until":"2026-02-01T09:00:00Z"}""", "from" },
        { "POST", "/api/v1/cabinets/c1/slots/1/reservations", """{"personId":"p1","from":"2020-02-01T08:00:00Z","until":"2020-02-01T09:00:00Z"}""", "until" },
        { "POST", "/api/v1/cabinets/c1/slots/1/reservations", """{"personId":"p1","from":"2026-02-01T08:00:00Z","until":"2026-02-01T09:00:00Z","leadMinutes":-5}""", "leadMinutes" },
        { "POST", "/api/v1/people", """{"id":"p1","name":"n","maxKeys":-1}""", "maxKeys" },
        { "POST", "/api/v1/people", """{"id":"p1","name":"n","maxKeys":1,"validFrom":"2026-02-01T00:00:00Z","validUntil":"2026-01-01T00:00:00Z"}""", "validUntil" },
        { "POST", "/api/v1/people", """{"id":"p1","name":"n","maxKeys":1,"validFrom":"yesterday"}""", "validFrom" },
        { "POST", "/api/v1/people", """{"id":"p1","name":"n","maxKeys":1,"email":"Alice <alice@example.com>"}""", "email" },
        { "PUT", "/api/v1/people/p1/contact", """{"email":"not-an-address"}""", "email" },
        { "PUT", "/api/v1/people/p1/contact", """{"managerId":"nobody-by-this-id"}""", "managerId" },
        { "PUT", "/api/v1/people/p1/pin", """{"pin":"12ab"}""", "pin" },
        { "POST", "/api/v1/people/p1/pin/change", """{"pin":"1234"}""", "oldPin" },
        { "POST", "/api/v1/people/p1/pin/change", """{"oldPin":"1234","pin":"12"}""", "pin" },
        { "PUT", "/api/v1/people/p1/entitlements", """[{"schedule":[{"days":[],"from":"07:00","to":"19:00"}]}]""", "[0].schedule[0].days" },
        { "PUT", "/api/v1/people/p1/entitlements", """[{"schedule":[{"days":["monday"],"from":"7 o'clock","to":"19:00"}]}]""", "[0].schedule[0].from" },
        { "PUT", "/api/v1/people/p1/entitlements", """[{"group":"a b"}]""", "[0].group" },
        { "POST", "/api/v1/people/p1/revoke", """{"status":"active","reason":"x"}""", "status" },
        { "POST", "/api/v1/people/p1/revoke", """{"status":"terminated"}""", "reason" },
        { "POST", "/api/v1/people/p1/badges", """{"badge":""}""", "badge" },
        { "PUT", "/api/v1/people/p1/duress-pin", """{"pin":"1"}""", "pin" },
        { "PUT", "/api/v1/cabinets/c1/alarm-settings", """{"doorOpenSeconds":0,"pinAttempts":5,"pinWindowMinutes":10,"pinLockoutMinutes":15}""", "doorOpenSeconds" },
        { "PUT", "/api/v1/cabinets/c1/alarm-settings", """{"doorOpenSeconds":60,"pinAttempts":21,"pinWindowMinutes":10,"pinLockoutMinutes":15}""", "pinAttempts" },
        { "PUT", "/api/v1/cabinets/c1/alarm-settings", """{"doorOpenSeconds":60,"pinAttempts":5,"pinWindowMinutes":10}""", "pinLockoutMinutes" },
        { "POST", "/api/v1/controllers", """{"id":"ctl","host":"","port":4001}""", "host" },
        { "POST", "/api/v1/controllers", """{"id":"ctl","host":"127.0.0.1","port":0}""", "port" },
        { "POST", "/api/v1/controllers", """{"id":"ctl","host":"127.0.0.1","port":4001,"offlinePolicy":"sometimes"}""", "offlinePolicy" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","reasons":["1","2","3","4","5","6","7","8","9","10"]}""", "reasons" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","reasons":["A reason far too long to show"]}""", "reasons" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","reasons":["Service",null]}""", "reasons" },
        { "PUT", "/api/v1/cabinets/c1/slots/1/key", """{"keyId":"k","name":"n","group":"g","tagId":"t","returnQuestions":{"odometer":"yes"}}""", "returnQuestions.odometer" },
        { "POST", "/api/v1/cabinets/c1/slots/1/return-answers", """{"odometerKm":-1}""", "odometerKm" },
        { "POST", "/api/v1/cabinets/c1/slots/1/return-answers", """{"fuelPercent":101}""", "fuelPercent" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_a_problem_naming_the_field(string method, string path, string json, string field)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Client(null).GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_unsupported_media_type_problem()
    {
        var response = await _admin.PostAsync("/api/v1/sites", new StringContent("id=x", Encoding.UTF8, "text/plain"));

        await response.Read<JsonElement>(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var cabinet = await Cabinet();
        string[] paths =
        [
            "/api/v1/sites/nowhere", "/api/v1/cabinets/nothing", "/api/v1/people/nobody", "/api/v1/people/bad%20id",
            "/api/v1/cabinets/nothing/slots/1", $"/api/v1/cabinets/{cabinet}/slots/2", $"/api/v1/cabinets/{cabinet}/slots/2/history",
            "/api/v1/cabinets/nothing/alarm-settings",
        ];
        foreach (var path in paths)
        {
            var problem = await (await _admin.GetAsync(path)).Read<JsonElement>(HttpStatusCode.NotFound);
            Assert.Equal("NotFound", problem.GetProperty("code").GetString());
        }

        await (await _admin.Put("/api/v1/cabinets/nothing/slots/1/key", new { keyId = "k", name = "n", group = "g", tagId = "t" }))
            .Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _admin.Post("/api/v1/people/nobody/badges", new { badge = "b-1" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _admin.Put("/api/v1/sites/nowhere/holidays", new { holidays = new[] { "2026-12-25" } })).Read<JsonElement>(HttpStatusCode.NotFound);
        var ops = fixture.Node.Client(NodeApp.OperatorKey);
        await (await ops.Post("/api/v1/cabinets/nothing/slots/1/reservations", new { personId = "p", from = DateTimeOffset.UtcNow, until = DateTimeOffset.UtcNow.AddHours(1) }))
            .Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.DeleteAsync($"/api/v1/cabinets/{cabinet}/slots/1/reservations/not-an-id")).StatusCode);
        await (await _admin.Put("/api/v1/cabinets/nothing/interlocks/plant", new { masterSlot = 1, slots = new[] { 2 } })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _admin.Put("/api/v1/cabinets/nothing/return-groups", new { groups = new[] { "north" } })).Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/v1/cabinets/{cabinet}/interlocks/none")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Put("/api/v1/people/nobody/pin", new { pin = "1234" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Put("/api/v1/people/nobody/duress-pin", new { pin = "1234" })).StatusCode);
        await (await _admin.Put("/api/v1/cabinets/nothing/alarm-settings", new { doorOpenSeconds = 60, pinAttempts = 5, pinWindowMinutes = 10, pinLockoutMinutes = 15 }))
            .Read<JsonElement>(HttpStatusCode.NotFound);

    }

    [Fact]
    public async Task Conflicts_are_409_problems()
    {
        var site = await Site();
        var first = await Person();
        var second = await Person();
        var badge = Unique("badge");
        await (await _admin.Post($"/api/v1/people/{first}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);

        var duplicateSite = await (await _admin.Post("/api/v1/sites", new { id = site, name = "Again", timeZone = "UTC" })).Read<JsonElement>(HttpStatusCode.Conflict);
        var takenBadge = await (await _admin.Post($"/api/v1/people/{second}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.Conflict);
        var sameOwnerAgain = await _admin.Post($"/api/v1/people/{first}/badges", new { badge });

        Assert.Equal("AlreadyExists", duplicateSite.GetProperty("code").GetString());
        Assert.Equal("BadgeAlreadyAssigned", takenBadge.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, sameOwnerAgain.StatusCode);
    }

    [Fact]
    public async Task Each_role_may_do_what_it_is_for_and_nothing_more()
    {
        var person = await Person();
        var site = new { id = Unique("s"), name = "x", timeZone = "UTC" };
        var revoke = new { status = "suspended", reason = "badge lost" };

        var anonymous = await fixture.Node.Client(null).GetAsync($"/api/v1/people/{person}");
        var wrongKey = await fixture.Node.Client("fk_not_a_key").GetAsync($"/api/v1/people/{person}");
        var auditorReads = await fixture.Node.Client(NodeApp.AuditorKey).GetAsync($"/api/v1/people/{person}");
        var auditorWrites = await fixture.Node.Client(NodeApp.AuditorKey).Post("/api/v1/sites", site);
        var auditorRevokes = await fixture.Node.Client(NodeApp.AuditorKey).Post($"/api/v1/people/{person}/revoke", revoke);
        var operatorConfigures = await fixture.Node.Client(NodeApp.OperatorKey).Post("/api/v1/sites", site);
        var operatorRevokes = await fixture.Node.Client(NodeApp.OperatorKey).Post($"/api/v1/people/{person}/revoke", revoke);
        var operatorReinstates = await fixture.Node.Client(NodeApp.OperatorKey).PostAsync($"/api/v1/people/{person}/reinstate", null);
        var operatorSetsAlarms = await fixture.Node.Client(NodeApp.OperatorKey).Put("/api/v1/cabinets/any/alarm-settings",
            new { doorOpenSeconds = 60, pinAttempts = 5, pinWindowMinutes = 10, pinLockoutMinutes = 15 });
        var operatorSetsDuress = await fixture.Node.Client(NodeApp.OperatorKey).Put($"/api/v1/people/{person}/duress-pin", new { pin = "1234" });
        var health = await fixture.Node.Client(null).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorWrites.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorRevokes.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorConfigures.StatusCode);
        Assert.Equal("suspended", (await operatorRevokes.Read<JsonElement>(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, operatorReinstates.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (operatorSetsAlarms.StatusCode, operatorSetsDuress.StatusCode));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

public sealed class SqliteManagementApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : ManagementApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresManagementApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : ManagementApiSpecs<PostgresTestDatabase>(fixture);
