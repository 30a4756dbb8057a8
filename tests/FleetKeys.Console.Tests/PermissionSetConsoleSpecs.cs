using System.Net;
using System.Text.Json;
using FleetKeys.Console.SignIn;

namespace FleetKeys.Console.Tests;

/// <summary>
/// A console user whose identity-provider group holds a permission set over one site (#22): the console shows the screens
/// whose API routes the set's permissions open, that site's rows only, and the actions the set holds there, the server
/// checking each one as the API would.
/// </summary>
public sealed class PermissionSetConsoleSpecs(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    /// <summary>Two sites, each with a cabinet whose slot 1 homes a key of the group 'vans', and a person entitled to vans.</summary>
    private sealed record Sites(string Harbour, string Quay, string Person)
    {
        public string Cabinet(string site) => $"{site}-cab";

        public string Key(string site) => $"{site}-van";
    }

    private async Task<Sites> Fleet()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var sites = new Sites($"harbour-{tag}", $"quay-{tag}", $"driver-{tag}");
        foreach (var site in (string[])[sites.Harbour, sites.Quay])
        {
            await (await _admin.Post("/api/v1/sites", new { id = site, name = site, timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Post("/api/v1/controllers", new { id = $"{site}-ctl", host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Post("/api/v1/cabinets", new { id = sites.Cabinet(site), siteId = site, controllerId = $"{site}-ctl", busAddress = 1, slotCount = 2 }))
                .Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Put($"/api/v1/cabinets/{sites.Cabinet(site)}/slots/1/key", new { keyId = sites.Key(site), name = "Van", group = "vans", tagId = $"tag-{site}" }))
                .Read<JsonElement>(HttpStatusCode.OK);
        }

        await (await _admin.Post("/api/v1/people", new { id = sites.Person, name = "Driver", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Put($"/api/v1/people/{sites.Person}/entitlements", new[] { new { group = "vans" } })).Read<JsonElement>(HttpStatusCode.OK);
        // The screens read the read side: both keys are listed before the user looks.
        await Eventually.Holds(async () =>
        {
            var listed = await (await _admin.GetAsync("/api/v1/custody?pageSize=500")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.Equal(2, listed.GetProperty("items").EnumerateArray().Count(k => k.GetProperty("keyId").GetString()!.Contains(tag, StringComparison.Ordinal)));
        });
        return sites;
    }

    private async Task Grant(string group, string set, string[] permissions, string site)
    {
        await (await _admin.Put($"/api/v1/permission-sets/{set}", new { permissions })).Read<JsonElement>(HttpStatusCode.OK);
        await (await _admin.Post("/api/v1/grants", new { principalKind = "group", principal = group, permissionSet = set, scope = "site", siteId = site }))
            .Read<JsonElement>(HttpStatusCode.Created);
    }

    private async Task<string> Status(string cabinet) =>
        (await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/1")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_read_only_custody_set_over_one_site_shows_that_sites_custody_and_no_release_which_the_server_refuses()
    {
        var fleet = await Fleet();
        await Grant("custody-desk", "custody-reading", ["custody.read"], fleet.Harbour);
        var (harbour, quay) = (fleet.Cabinet(fleet.Harbour), fleet.Cabinet(fleet.Quay));

        var page = await fixture.SignInAs("cora");
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("cora@example.com scoped");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alarms", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing to administer");
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await page.GotoAsync("/keys");
        await Expect(page.Locator($"[data-test=key][data-key={fleet.Key(fleet.Harbour)}]")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-test=key][data-key={fleet.Key(fleet.Quay)}]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/cabinets/{harbour}");
        await Expect(page.Locator("[data-test=slot][data-slot='1']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=actions]")).ToHaveCountAsync(0);
        await page.GotoAsync($"/cabinets/{quay}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("custody.read");
        await Expect(page.Locator("[data-test=slot]")).ToHaveCountAsync(0);

        // Posted anyway, with the page's own anti-forgery token: the server refuses, naming the permission and the scope.
        await page.GotoAsync($"/cabinets/{harbour}");
        var token = await page.Locator("form.who input[name=__RequestVerificationToken]").InputValueAsync();
        var release = await page.APIRequest.PostAsync($"/console/cabinets/{harbour}/slots/1/release", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("personId", fleet.Person)
                .Set("reason", "forced by a reader").Set("returnTo", $"/cabinets/{harbour}"),
            MaxRedirects = 0,
        });
        Assert.Equal(303, release.Status);
        await page.GotoAsync(release.Headers["location"]);
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("commands.release");
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync(fleet.Harbour);
        Assert.NotEqual("released", await Status(harbour));
    }

    [Fact]
    public async Task A_set_holding_commands_release_over_one_site_shows_the_release_there_and_it_releases()
    {
        var fleet = await Fleet();
        await Grant("release-desk", "release-desk", ["custody.read", "commands.release"], fleet.Harbour);
        var (harbour, quay) = (fleet.Cabinet(fleet.Harbour), fleet.Cabinet(fleet.Quay));

        var page = await fixture.SignInAs("rey");
        await page.GotoAsync($"/cabinets/{harbour}");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Remote release" });
        await Expect(form).ToBeVisibleAsync();
        await ConsoleFixture.WhenInteractive(page);
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Lock down" })).ToHaveCountAsync(0);
        await form.GetByLabel("Person").FillAsync(fleet.Person);
        await form.GetByLabel("Reason").FillAsync("van for the night shift");
        await form.GetByRole(AriaRole.Button, new() { Name = "Remote release" }).ClickAsync();

        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync($"Slot 1 released to {fleet.Person}");
        Assert.Equal("released", await Status(harbour));
        await page.GotoAsync($"/cabinets/{quay}");
        await Expect(page.Locator("[data-test=actions]")).ToHaveCountAsync(0);
    }

    [Fact]
    public void Every_api_twin_of_the_console_is_a_route_of_the_api()
    {
        var twins = fixture.Node.Service<ApiTwins>();
        foreach (var twin in typeof(ApiTwin).GetFields().Where(f => f.FieldType == typeof(ApiTwin)).Select(f => (ApiTwin)f.GetValue(null)!))
            Assert.NotNull(twins.Of(twin).Need.Permission);
    }

    [Fact]
    public async Task An_auditor_of_one_site_reads_its_bookings_keys_people_and_report_rows_and_nothing_of_another_site()
    {
        var fleet = await Fleet();
        var (harbour, quay) = (fleet.Cabinet(fleet.Harbour), fleet.Cabinet(fleet.Quay));
        var from = DateTimeOffset.UtcNow.AddDays(1);
        foreach (var site in (string[])[fleet.Harbour, fleet.Quay])
        {
            await (await _admin.Post("/api/v1/people", new { id = $"{site}-guard", name = "Guard", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Put($"/api/v1/people/{site}-guard/entitlements", new[] { new { siteId = site } })).Read<JsonElement>(HttpStatusCode.OK);
            await (await _admin.Post($"/api/v1/cabinets/{fleet.Cabinet(site)}/slots/1/reservations", new { personId = $"{site}-guard", from, until = from.AddHours(2) }))
                .Read<JsonElement>(HttpStatusCode.Created);
            await (await _admin.Post($"/api/v1/cabinets/{fleet.Cabinet(site)}/slots/1/faults", new { severity = "minor", description = $"mirror of {site}" }))
                .Read<JsonElement>(HttpStatusCode.Created);
        }

        await (await _admin.Post("/api/v1/grants", new { principalKind = "group", principal = "harbour-staff", role = "auditor", scope = "site", siteId = fleet.Harbour }))
            .Read<JsonElement>(HttpStatusCode.Created);
        await Eventually.Holds(async () => Assert.Equal(2,
            (await (await _admin.GetAsync("/api/v1/reports/faults")).Read<JsonElement>(HttpStatusCode.OK)).EnumerateArray().Count(f => f.GetRawText().Contains("mirror of"))));
        var page = await fixture.SignInAs("sam");

        await page.GotoAsync($"/reservations?slot={harbour}/1");
        await Expect(page.Locator($"[data-test=booking][data-person={fleet.Harbour}-guard]")).ToBeVisibleAsync();
        await page.GotoAsync($"/reservations?slot={quay}/1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reservations" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=booking]")).ToHaveCountAsync(0);

        // A key of another site is answered as the API's key list answers: not there, as a key that does not exist.
        await page.GotoAsync($"/keys/{fleet.Key(fleet.Harbour)}");
        await Expect(page.Locator("[data-test=key-now]")).ToContainTextAsync(harbour);
        await page.GotoAsync($"/keys/{fleet.Key(fleet.Quay)}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"No key {fleet.Key(fleet.Quay)} is homed in any slot");

        // A person of another site as GET /people/{id} answers: refused naming the permission and the scope that would do.
        await page.GotoAsync($"/people/{fleet.Harbour}-guard");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("active");
        await page.GotoAsync($"/people/{fleet.Quay}-guard");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("people.read");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"site {fleet.Quay}");
        await Expect(page.Locator("[data-test=status]")).ToHaveCountAsync(0);

        await page.GotoAsync("/reports");
        await ConsoleFixture.WhenInteractive(page);
        await page.GetByLabel("Report").SelectOptionAsync("faults");
        await Expect(page.Locator("[data-test=report-row]", new() { HasText = $"mirror of {fleet.Harbour}" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=report-row]", new() { HasText = $"mirror of {fleet.Quay}" })).ToHaveCountAsync(0);
        var csv = await (await page.APIRequest.GetAsync("/console/reports/faults.csv")).TextAsync();
        Assert.Contains($"mirror of {fleet.Harbour}", csv);
        Assert.DoesNotContain($"mirror of {fleet.Quay}", csv);
        // The other site's report, as the API's report answers it: no rows.
        var other = (await (await page.APIRequest.GetAsync($"/console/reports/faults.csv?site={fleet.Quay}")).TextAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(other);
    }

    [Fact]
    public async Task An_admin_of_one_site_sets_a_cabinets_return_groups_there_and_is_refused_at_another_site()
    {
        var fleet = await Fleet();
        var (harbour, quay) = (fleet.Cabinet(fleet.Harbour), fleet.Cabinet(fleet.Quay));
        await (await _admin.Post("/api/v1/grants", new { principalKind = "group", principal = "harbour-admins", role = "admin", scope = "site", siteId = fleet.Harbour }))
            .Read<JsonElement>(HttpStatusCode.Created);

        var page = await fixture.SignInAs("ada");
        await page.GotoAsync("/admin");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Set a cabinet's return groups" });
        await Expect(form).ToBeVisibleAsync();
        // Registering a site or a cabinet asks for the permission over everything, as the API does.
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Register a site" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Register a cabinet" })).ToHaveCountAsync(0);
        await ConsoleFixture.WhenInteractive(page);
        await form.GetByLabel("Cabinet", new() { Exact = true }).FillAsync(harbour);
        await form.GetByLabel("Return groups", new() { Exact = true }).FillAsync("north");
        await form.GetByRole(AriaRole.Button, new() { Name = "Set return groups" }).ClickAsync();
        await ConsoleFixture.Answered(page, $"Cabinet {harbour} is in return groups north");

        await form.GetByLabel("Cabinet", new() { Exact = true }).FillAsync(quay);
        await form.GetByLabel("Return groups", new() { Exact = true }).FillAsync("north");
        await form.GetByRole(AriaRole.Button, new() { Name = "Set return groups" }).ClickAsync();
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("cabinets.configure");
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync($"site {fleet.Quay}");
        Assert.Empty(await ReturnGroups(quay));
        Assert.Equal(["north"], await ReturnGroups(harbour));
    }

    private async Task<List<string?>> ReturnGroups(string cabinet) =>
        (await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("returnGroups") is
            { ValueKind: JsonValueKind.Array } groups ? [.. groups.EnumerateArray().Select(g => g.GetString())] : [];
}
