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
        await ConsoleFixture.Answered(page, "acknowledged");
        alarm = page.Locator("[data-test=alarm][data-kind=ForcedRemoval]").First;
        await Expect(alarm).ToHaveAttributeAsync("data-state", "acknowledged");
        await Expect(alarm).ToContainTextAsync("ack. by ops: guard on the way");

        await alarm.GetByLabel("Note").FillAsync("key found in the plant room");
        await alarm.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("cleared");
        await Expect(page.Locator("[data-test=alarm][data-kind=ForcedRemoval]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_note_being_typed_stays_with_its_alarm_when_a_new_alarm_arrives_above_it()
    {
        const string cabinet = "ctl-02-cab-02";
        var page = await fixture.SignedIn(NodeApp.OperatorKey);
        await page.GotoAsync($"/alarms?cabinet={cabinet}");
        await ConsoleFixture.WhenInteractive(page);
        var open = page.Locator("[data-test=alarm][data-kind=ForcedRemoval][data-state=open]");

        Assert.True(fixture.Cabinet(cabinet).ForceSlot(5), "slot 5 could not be forced");
        await Expect(open).ToHaveCountAsync(1);
        var first = (await open.GetAttributeAsync("data-alarm"))!;
        var typedIn = Row(page, first);
        await typedIn.GetByLabel("Note").FillAsync("first one, guard on the way");
        // Newest first: the next alarm's row comes in above the one being typed in, while the note is half written.
        Assert.True(fixture.Cabinet(cabinet).ForceSlot(6), "slot 6 could not be forced");
        await Expect(open).ToHaveCountAsync(2);
        var second = (await open.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.alarm)")).Single(id => id != first);
        await typedIn.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(typedIn).ToHaveAttributeAsync("data-state", "acknowledged");
        await Expect(typedIn).ToContainTextAsync("ack. by ops: first one, guard on the way");
        await Expect(Row(page, second)).ToHaveAttributeAsync("data-state", "open");
        await ConsoleFixture.WhenInteractive(page);

        // Settled, so the other spec on this cabinet meets no alarm of this one.
        foreach (var alarm in new[] { second, first }) await Settle(page, alarm);
    }

    private static ILocator Row(IPage page, string alarm) => page.Locator($"[data-test=alarm][data-alarm='{alarm}']");

    private static async Task Settle(IPage page, string alarm)
    {
        var row = Row(page, alarm);
        if (await row.GetAttributeAsync("data-state") == "open")
        {
            await row.GetByLabel("Note").FillAsync("spec done");
            await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-state", "acknowledged");
            await ConsoleFixture.WhenInteractive(page);
        }

        await row.GetByLabel("Note").FillAsync("spec done");
        await row.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
