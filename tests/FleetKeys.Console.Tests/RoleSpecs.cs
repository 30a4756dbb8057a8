using System.Net.Http.Json;
using System.Text.Json;

namespace FleetKeys.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class RoleSpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_auditor_is_shown_no_action_and_the_server_refuses_one_posted_anyway()
    {
        const string cabinet = "ctl-01-cab-01";
        var person = await fixture.Person("audited");
        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await Expect(page.Locator("[data-test=who]")).ToContainTextAsync("auditor");

        await page.GotoAsync($"/cabinets/{cabinet}");
        await Expect(page.Locator("[data-test=slot]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=actions]")).ToHaveCountAsync(0);
        await page.GotoAsync($"/people/{person.PersonId}");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("active");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await page.GotoAsync("/alarms");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Settle" })).ToHaveCountAsync(0);

        // The auditor's own page carries a valid anti-forgery token (the sign-out form): with it, the post is well-formed
        // and only the role can refuse it.
        var token = await page.Locator("form.who input[name=__RequestVerificationToken]").InputValueAsync();
        var lockdown = await page.APIRequest.PostAsync($"/console/cabinets/{cabinet}/lockdown", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("reason", "forced by an auditor"),
            MaxRedirects = 0,
        });
        var revoke = await page.APIRequest.PostAsync($"/console/people/{person.PersonId}/revoke", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("status", "terminated")
                .Set("reason", "forced by an auditor").Set("confirm", person.PersonId),
            MaxRedirects = 0,
        });

        // Refused by the server with a notice naming the permission the action's API twin asks.
        Assert.Equal(303, lockdown.Status);
        Assert.Equal(303, revoke.Status);
        await page.GotoAsync(revoke.Headers["location"]);
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("people.operate");
        var cabinetNow = await fixture.Rig.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/cabinets/{cabinet}");
        Assert.Equal(JsonValueKind.Null, cabinetNow.GetProperty("lockdown").ValueKind);
        var personNow = await fixture.Rig.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person.PersonId}");
        Assert.Equal("active", personNow.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_command_posted_without_the_pages_anti_forgery_token_is_refused()
    {
        const string cabinet = "ctl-01-cab-01";
        var page = await fixture.SignedIn(NodeApp.OperatorKey);

        var lockdown = await page.APIRequest.PostAsync($"/console/cabinets/{cabinet}/lockdown", new()
        {
            Form = page.APIRequest.CreateFormData().Set("reason", "posted from another site"),
            MaxRedirects = 0,
        });

        Assert.Equal(400, lockdown.Status);
        var cabinetNow = await fixture.Rig.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/cabinets/{cabinet}");
        Assert.Equal(JsonValueKind.Null, cabinetNow.GetProperty("lockdown").ValueKind);
    }

    [Fact]
    public async Task A_revocation_posted_without_the_typed_confirmation_is_refused_by_the_server()
    {
        var person = await fixture.Person("unconfirmed");
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        var token = await page.Locator("form.who input[name=__RequestVerificationToken]").InputValueAsync();

        var revoke = await page.APIRequest.PostAsync($"/console/people/{person.PersonId}/revoke", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("status", "terminated")
                .Set("reason", "no confirmation").Set("confirm", "someone-else"),
            MaxRedirects = 0,
        });

        Assert.Equal(303, revoke.Status);
        var personNow = await fixture.Rig.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person.PersonId}");
        Assert.Equal("active", personNow.GetProperty("status").GetString());
        await page.GotoAsync(revoke.Headers["location"]);
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync($"type '{person.PersonId}' to confirm");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_console_cookie_never_opens_the_api()
    {
        var page = await fixture.SignedIn(NodeApp.AdminKey);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Value.Contains(NodeApp.AdminKey, StringComparison.Ordinal));

        var api = await page.APIRequest.GetAsync("/api/v1/cabinets");
        Assert.Equal(401, api.Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/alarms");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }
}
