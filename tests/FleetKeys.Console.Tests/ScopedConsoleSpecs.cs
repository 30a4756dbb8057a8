using System.Net;
using System.Text.Json;

namespace FleetKeys.Console.Tests;

/// <summary>
/// A console user whose identity-provider group holds a runtime grant (#22): the console asks the node's grants rather than
/// its configuration alone, shows the user its part of the fleet and hides what the grant does not allow.
/// </summary>
public sealed class ScopedConsoleSpecs(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private async Task<string> Site()
    {
        var id = $"site-{Guid.NewGuid():N}"[..17];
        await (await _admin.Post("/api/v1/sites", new { id, name = id, timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task A_user_whose_group_is_granted_one_site_sees_only_that_site_and_no_action()
    {
        var (harbour, quay) = (await Site(), await Site());
        await (await _admin.Post("/api/v1/grants", new { principalKind = "group", principal = "harbour-staff", role = "auditor", scope = "site", siteId = harbour }))
            .Read<JsonElement>(HttpStatusCode.Created);
        // The overview reads the read side: both sites are there before the user looks.
        await Eventually.Holds(async () =>
        {
            var listed = await (await _admin.GetAsync("/api/v1/sites?pageSize=500")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.Equal(2, listed.GetProperty("items").EnumerateArray().Count(s => s.GetProperty("id").GetString() is { } id && (id == harbour || id == quay)));
        });

        var page = await fixture.SignInAs("sam");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alarms", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("sam@example.com scoped");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Settle" })).ToHaveCountAsync(0);
        await page.GotoAsync("/");

        await Expect(page.Locator($"[data-test=site][data-site={harbour}]")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-test=site][data-site={quay}]")).ToHaveCountAsync(0);
        // An auditor of the site reads its reports and bookings there (PermissionSetConsoleSpecs reads their rows), administers nothing.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reports" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reservations" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_whose_group_is_granted_a_role_over_everything_holds_it_in_the_console_without_a_configured_role()
    {
        await (await _admin.Post("/api/v1/grants", new { principalKind = "group", principal = "visitors", role = "operator", scope = "everything" }))
            .Read<JsonElement>(HttpStatusCode.Created);

        var page = await fixture.SignInAs("victor");

        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("victor@example.com operator");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Settle" })).ToBeVisibleAsync();
    }
}
