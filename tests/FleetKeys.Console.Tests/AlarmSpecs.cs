namespace FleetKeys.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AlarmSpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_forced_removal_appears_live_as_a_security_alarm_with_a_cue_and_is_acknowledged_then_cleared_with_notes()
    {
        const string cabinet = "ctl-02-cab-02";
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await page.GotoAsync($"/alarms?cabinet={cabinet}");
        await ConsoleFixture.WhenInteractive(page);
        var beacon = page.Locator("[data-test=beacon]");
        var chimes = int.Parse(await beacon.GetAttributeAsync("data-chimes") ?? "0");

        Assert.True(fixture.Cabinet(cabinet).ForceSlot(4), "slot 4 could not be forced");

        var alarm = page.Locator("[data-test=alarm][data-kind=ForcedRemoval]").First;
        await Expect(alarm).ToHaveAttributeAsync("data-state", "open");
        await Expect(alarm).ToHaveClassAsync("security");
        await Expect(beacon).Not.ToHaveAttributeAsync("data-chimes", chimes.ToString());
        await ConsoleFixture.Screenshot(page, "alarms");

        await alarm.GetByLabel("Note").FillAsync("guard on the way");
        await alarm.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("acknowledged");
        alarm = page.Locator("[data-test=alarm][data-kind=ForcedRemoval]").First;
        await Expect(alarm).ToHaveAttributeAsync("data-state", "acknowledged");
        await Expect(alarm).ToContainTextAsync("ack. by ops: guard on the way");

        await alarm.GetByLabel("Note").FillAsync("key found in the plant room");
        await alarm.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("cleared");
        await Expect(page.Locator("[data-test=alarm][data-kind=ForcedRemoval]")).ToHaveCountAsync(0);
    }
}
