using System.Globalization;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Simulator;

namespace FleetKeys.Console.Tests;

/// <summary>The screens not covered elsewhere, each used as a person would: keys, a key's history, reservations, administration.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenSpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_key_is_found_by_its_name_and_its_page_shows_its_history_and_an_intact_audit_log()
    {
        const string cabinet = "ctl-01-cab-01";
        var person = await fixture.Person("historian");
        await fixture.Take(person, cabinet, 1);
        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keys", Level = 1 })).ToBeVisibleAsync();
        await ConsoleFixture.WhenInteractive(page);
        await page.Locator("[data-test=masters-out]").CheckAsync();
        await Expect(page.Locator($"[data-test=key][data-key='{cabinet}-k01']")).ToHaveAttributeAsync("data-status", "Out");
        await page.Locator("[data-test=masters-out]").UncheckAsync();
        await page.GetByLabel("Search").FillAsync($"Master key {cabinet}");
        await page.GetByLabel("Search").PressAsync("Enter");
        await Expect(page.Locator("[data-test=key]")).ToHaveCountAsync(1);
        await ConsoleFixture.Screenshot(page, "keys");

        await page.GetByRole(AriaRole.Link, new() { Name = $"{cabinet}-k01" }).ClickAsync();
        await Expect(page.Locator("[data-test=change][data-kind=taken]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=audit]")).ToHaveAttributeAsync("data-intact", "true");
        await ConsoleFixture.WhenInteractive(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the whole audit log against the journal" }).ClickAsync();
        await Expect(page.Locator("[data-test=verification]")).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 30_000 });
        await ConsoleFixture.Screenshot(page, "key");
    }

    [Fact]
    public async Task A_keys_page_shows_the_reason_given_for_a_take_and_the_answers_keyed_in_on_return()
    {
        const string cabinetId = "ctl-01-cab-02";
        var slot = new SlotId(new CabinetId(cabinetId), 2);
        var admin = fixture.Rig.Node.Service<FleetAdmin>();
        var homed = Assert.IsType<KeySlotDetails>((await admin.GetCustody(slot)).Value).Key!;
        Assert.Null((await admin.AssignKey(slot, homed with
        {
            Policy = homed.Policy with { Questions = new CustodyQuestions(["Delivery", "Service"], Odometer: true, Fuel: true) },
        }, "test")).Rejection);
        var person = await fixture.Person("driver");
        var cabinet = fixture.Cabinet(cabinetId);
        // The key's list reaches the cabinet's display through its driver.
        await FleetKeys.Testing.Eventually.Holds(() => Assert.NotNull(cabinet.QuestionsOf(2)));
        cabinet.PresentBadge(person.Badge);
        await cabinet.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
        Assert.Equal(InputOutcome.AwaitingReason, cabinet.SelectKey(2));
        Assert.Equal(InputOutcome.Reported, cabinet.ChooseReason(2, 2));
        await cabinet.WhenUnlocked(2, HardwareRig.Within());
        Assert.True(cabinet.TakeKey(2));
        Assert.True(cabinet.ReturnKey(2, cabinet.Slot(2).HomeTag));
        Assert.True(cabinet.AnswerReturn(2, 12730, 40, null));
        await cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        // The page reads the history once: it opens when the read side has the answers.
        await FleetKeys.Testing.Eventually.Holds(async () =>
            Assert.Contains("returnQuestionsAnswered", await fixture.Rig.Admin.GetStringAsync($"/api/v1/history?keyId={homed.Id}")));

        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await page.GotoAsync($"/keys/{homed.Id}");

        await Expect(page.Locator("[data-test=change][data-kind=takeReasonGiven] [data-test=note]")).ToHaveTextAsync("reason: Service");
        await Expect(page.Locator("[data-test=change][data-kind=returnQuestionsAnswered] [data-test=note]"))
            .ToContainTextAsync("odometer 12730 km; fuel 40 %; answered by ");
    }

    [Fact]
    public async Task A_key_is_booked_and_cancelled_on_the_reservations_screen()
    {
        var person = await fixture.Person("booker");
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await page.GotoAsync("/reservations?slot=ctl-02-cab-01/2");
        await Expect(page.Locator("[data-test=bookings]")).ToBeVisibleAsync();
        // Typing before the screen turns interactive would be lost when it does.
        await ConsoleFixture.WhenInteractive(page);
        var tomorrow = DateTime.UtcNow.Date.AddDays(1);
        await page.GetByLabel("Person").FillAsync(person.PersonId);
        await page.GetByLabel("From").FillAsync(tomorrow.AddHours(9).ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByLabel("Until").FillAsync(tomorrow.AddHours(12).ToString("yyyy-MM-ddTHH:mm"));
        // Left empty, the hold ahead is the default one, not a refused form.
        await page.GetByLabel("Held ahead (minutes)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await ConsoleFixture.Answered(page, "booked");
        var booking = page.Locator($"[data-test=booking][data-person='{person.PersonId}']");
        await Expect(booking).ToHaveCountAsync(1);
        await Expect(page.Locator(".calendar .booking", new() { HasText = person.PersonId })).ToHaveCountAsync(1);
        await ConsoleFixture.Screenshot(page, "reservations");

        await booking.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("cancelled");
        await Expect(page.Locator($"[data-test=booking][data-person='{person.PersonId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_registers_a_site_and_sees_api_keys_by_name_and_role_only()
    {
        var page = await fixture.SignedIn(NodeApp.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        // The overview's own live mark says "interactive" until the administration screen has replaced it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        await ConsoleFixture.WhenInteractive(page);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Register a site" });
        await form.GetByLabel("Id").FillAsync("north-depot");
        await form.GetByLabel("Name").FillAsync("North depot");
        await form.GetByLabel("Time zone").FillAsync("Europe/Oslo");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register site" }).ClickAsync();

        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("Site north-depot registered");
        await Expect(page.Locator("[data-test=admin-site]", new() { HasText = "North depot" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=api-key]", new() { HasText = "ops" })).ToContainTextAsync("operator");
        Assert.DoesNotContain(ApiKeysHash(), await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await ConsoleFixture.Screenshot(page, "admin");
    }

    [Fact]
    public async Task An_admin_homes_a_key_that_goes_back_anywhere_or_to_a_return_group_and_puts_a_cabinet_in_groups()
    {
        const string cabinet = "ctl-01-cab-02";
        var admin = fixture.Rig.Node.Service<FleetAdmin>();
        var page = await fixture.SignedIn(NodeApp.AdminKey);
        await page.GotoAsync("/admin");
        await ConsoleFixture.WhenInteractive(page);

        await HomeThroughForm(page, admin, new SlotId(new CabinetId(cabinet), 5), anywhere: true, returnGroup: null);
        await HomeThroughForm(page, admin, new SlotId(new CabinetId(cabinet), 6), anywhere: false, returnGroup: "north");
        var groups = page.GetByRole(AriaRole.Form, new() { Name = "Set a cabinet's return groups" });
        await groups.GetByLabel("Cabinet", new() { Exact = true }).FillAsync(cabinet);
        await groups.GetByLabel("Return groups", new() { Exact = true }).FillAsync("south, north");
        await groups.GetByRole(AriaRole.Button, new() { Name = "Set return groups" }).ClickAsync();
        await ConsoleFixture.Answered(page, $"Cabinet {cabinet} is in return groups");

        var anywhere = Assert.IsType<KeySlotDetails>((await admin.GetCustody(new SlotId(new CabinetId(cabinet), 5))).Value).Key!.Policy;
        var roaming = Assert.IsType<KeySlotDetails>((await admin.GetCustody(new SlotId(new CabinetId(cabinet), 6))).Value).Key!.Policy;
        Assert.Equal((ReturnRule.AnySlotOfCabinet, (string?)null), (anywhere.Return, anywhere.ReturnGroup));
        Assert.Equal((ReturnRule.ReturnGroup, "north"), (roaming.Return, roaming.ReturnGroup));
        Assert.Equal(["north", "south"], Assert.IsType<CabinetDetails>((await admin.GetCabinet(new CabinetId(cabinet))).Value).ReturnGroups);
    }

    [Fact]
    public async Task Saving_a_key_through_the_form_keeps_the_parts_of_its_policy_the_form_does_not_show()
    {
        var slot = new SlotId(new CabinetId("ctl-01-cab-02"), 4);
        var admin = fixture.Rig.Node.Service<FleetAdmin>();
        var homed = Assert.IsType<KeySlotDetails>((await admin.GetCustody(slot)).Value).Key!;
        var questions = new CustodyQuestions(["Delivery", "Service"], Odometer: true, Damage: true);
        var approval = new ApprovalRule(ApproverKind.Security, null, ApprovalRule.DefaultWindow, ApprovalRule.DefaultValidity);
        var alerts = new CustodyAlerts(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), null);
        Assert.Null((await admin.AssignKey(slot, homed with
        {
            Policy = homed.Policy with { Questions = questions, Approval = approval, Alerts = alerts },
        }, "test")).Rejection);
        var page = await fixture.SignedIn(NodeApp.AdminKey);
        await page.GotoAsync("/admin");
        await ConsoleFixture.WhenInteractive(page);

        await HomeThroughForm(page, admin, slot, anywhere: true, returnGroup: null);

        var policy = Assert.IsType<KeySlotDetails>((await admin.GetCustody(slot)).Value).Key!.Policy;
        Assert.Equal(ReturnRule.AnySlotOfCabinet, policy.Return);
        Assert.Equal((questions, approval, alerts), (policy.Questions, policy.Approval, policy.Alerts));
    }

    [Fact]
    public async Task An_operator_is_not_shown_administration_and_finds_nothing_to_administer_there()
    {
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing to administer");
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_sign_in_page_names_where_the_first_admin_key_is_and_refuses_an_unknown_key()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByText("data/admin.key")).ToBeVisibleAsync();
        await ConsoleFixture.Screenshot(page, "signin");

        await page.GetByLabel("API key").FillAsync("fk_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not known");
    }

    /// <summary>Homes the slot's own key again through the administration form (same id, tag and limits), with a return rule.</summary>
    private static async Task HomeThroughForm(IPage page, FleetAdmin admin, SlotId slot, bool anywhere, string? returnGroup)
    {
        var key = Assert.IsType<KeySlotDetails>((await admin.GetCustody(slot)).Value).Key!;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Home a key" });
        await form.GetByLabel("Cabinet", new() { Exact = true }).FillAsync(slot.Cabinet.Value);
        await form.GetByLabel("Slot", new() { Exact = true }).FillAsync(slot.Number.ToString(CultureInfo.InvariantCulture));
        await form.GetByLabel("Key id", new() { Exact = true }).FillAsync(key.Id.Value);
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(key.Name);
        await form.GetByLabel("Group", new() { Exact = true }).FillAsync(key.Group.Value);
        await form.GetByLabel("Criticality").SelectOptionAsync(key.Criticality.ToString().ToLowerInvariant());
        await form.GetByLabel("Tag", new() { Exact = true }).FillAsync(key.Tag.Value);
        if (key.Policy.MaxDuration is { } max)
            await form.GetByLabel("Max. minutes out", new() { Exact = true }).FillAsync(((int)max.TotalMinutes).ToString(CultureInfo.InvariantCulture));
        if (anywhere) await form.GetByLabel("Back into any free slot", new() { Exact = true }).CheckAsync();
        if (returnGroup is not null) await form.GetByLabel("Return group", new() { Exact = true }).FillAsync(returnGroup);
        await form.GetByRole(AriaRole.Button, new() { Name = "Home the key" }).ClickAsync();
        await ConsoleFixture.Answered(page, $"Key {key.Id} is homed in {slot.Cabinet} slot {slot.Number}");
    }

    private static string ApiKeysHash() => FleetKeys.Api.Auth.ApiKeys.Hash(NodeApp.OperatorKey);
}
