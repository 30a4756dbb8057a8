using System.Text;
using FleetKeys.Domain.Security;

namespace FleetKeys.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class PeopleSpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task Revoking_a_person_takes_their_id_typed_and_shows_the_purge_reach_every_controller()
    {
        var person = await fixture.Person("leaver");
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await page.GotoAsync("/people");
        await ConsoleFixture.WhenInteractive(page);
        await page.GetByLabel("Search").FillAsync(person.PersonId);
        await page.GetByLabel("Search").PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = person.PersonId, Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("active");
        await ConsoleFixture.WhenInteractive(page);
        await ConsoleFixture.Screenshot(page, "person");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Revoke as").SelectOptionAsync("terminated");
        await dialog.GetByLabel("Reason").FillAsync("left the company");
        await dialog.GetByLabel("Type").FillAsync(person.PersonId);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("terminated");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("terminated");
        var revocation = page.Locator("[data-test=revocation]");
        await Expect(revocation).ToHaveAttributeAsync("data-complete", "true");
        await Expect(revocation.Locator("[data-test=controller][data-confirmed=true]")).ToHaveCountAsync(2);
        await ConsoleFixture.Screenshot(page, "revocation");
    }

    [Fact]
    public async Task A_person_linked_to_an_access_control_cardholder_shows_the_cardholder_id()
    {
        var person = await fixture.Person("cardholder");
        var body = Encoding.UTF8.GetBytes($$"""
            {"id":"evt-{{Guid.NewGuid():N}}","type":"cardholder.created","personId":"{{person.PersonId}}","name":"Linked Cardholder",
             "source":"acs-main","cardholderId":"7f3a-{{person.PersonId}}","sequence":1}
            """);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var delivery = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hooks/access-control") { Content = new ByteArrayContent(body) };
        delivery.Content.Headers.ContentType = new("application/json");
        delivery.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        delivery.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(NodeApp.WebhookSecret, timestamp, body));
        (await fixture.Rig.Node.Client(null).SendAsync(delivery)).EnsureSuccessStatusCode();

        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await page.GotoAsync($"/people/{person.PersonId}");

        await Expect(page.Locator("[data-test=external-ids]")).ToHaveTextAsync($"Cardholder: 7f3a-{person.PersonId} in acs-main");
    }
}
