using System.Net;

namespace FleetKeys.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ReportSpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_keys_out_report_shows_a_key_just_taken_and_its_CSV_download_has_the_row()
    {
        const string cabinet = "ctl-02-cab-01";
        var person = await fixture.Person("reported");
        await fixture.Take(person, cabinet, 5);
        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await page.GotoAsync("/reports");
        await ConsoleFixture.WhenInteractive(page);
        await page.GetByLabel("Report").SelectOptionAsync("keys-out");
        await Expect(page.Locator("[data-test=report-row]", new() { HasText = person.PersonId })).ToHaveCountAsync(1);
        await ConsoleFixture.Screenshot(page, "reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=csv]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,name,group,criticality,cabinet,slot,status,holder,since,due,overdue", lines[0]);
        var row = Assert.Single(lines, l => l.Contains(person.PersonId, StringComparison.Ordinal));
        Assert.StartsWith($"{cabinet}-k05,Key 5 of {cabinet},general,Normal,{cabinet},5,Out,{person.PersonId},", row);
        Assert.Equal("fleetkeys-keys-out.csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task The_discrepancies_report_shows_a_key_an_inventory_found_missing_and_how_it_ended()
    {
        const string cabinetId = "ctl-02-cab-01";
        var cabinet = fixture.Cabinet(cabinetId);
        var operators = fixture.Rig.Node.Client(NodeApp.OperatorKey);
        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await page.GotoAsync("/reports");
        await ConsoleFixture.WhenInteractive(page);
        var missing = page.Locator("[data-test=report-row]", new() { HasText = $"{cabinetId}-k06" });

        Assert.True(cabinet.TagReader(6, working: false));
        Assert.Equal(HttpStatusCode.Accepted, (await operators.PostAsync($"/api/v1/cabinets/{cabinetId}/inventory", null)).StatusCode);
        await UntilShown(() => Report(page, "discrepancies"), missing, "Missing");
        Assert.True(cabinet.TagReader(6, working: true));
        Assert.Equal(HttpStatusCode.Accepted, (await operators.PostAsync($"/api/v1/cabinets/{cabinetId}/inventory", null)).StatusCode);
        await UntilShown(() => Report(page, "discrepancies"), missing, "Inventory");
    }

    [Fact]
    public async Task The_open_faults_report_shows_a_fault_reported_through_the_api()
    {
        // A minor fault: it blocks nothing, so the other specs sharing this fleet take the key as before.
        await (await fixture.Rig.Node.Client(NodeApp.OperatorKey).Post("/api/v1/cabinets/ctl-02-cab-02/slots/6/faults",
            new { severity = "minor", description = "console spec: key ring worn" })).Read<System.Text.Json.JsonElement>(System.Net.HttpStatusCode.Created);
        // The report reads the read side, which follows the journal a moment later.
        await Eventually.Holds(async () => Assert.Contains("console spec",
            (await fixture.Rig.Get<System.Text.Json.JsonElement>("/api/v1/reports/faults")).GetRawText()));
        var page = await fixture.SignedIn(NodeApp.AuditorKey);
        await page.GotoAsync("/reports");
        await ConsoleFixture.WhenInteractive(page);
        await page.GetByLabel("Report").SelectOptionAsync("faults");

        var row = page.Locator("[data-test=report-row]", new() { HasText = "console spec: key ring worn" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("ctl-02-cab-02-k06");
    }

    /// <summary>Shows another report, then <paramref name="name"/> again: the report screen reads its rows when one is chosen.</summary>
    private static async Task Report(IPage page, string name)
    {
        foreach (var report in new[] { "keys-out", name })
        {
            await page.GetByLabel("Report").SelectOptionAsync(report);
            await Expect(page.Locator("[data-test=report]")).ToHaveAttributeAsync("data-report", report);
        }
    }

    /// <summary>Asks again until the row shows <paramref name="text"/>: the inventory reaches the read side a moment after it is asked for.</summary>
    private static Task UntilShown(Func<Task> ask, ILocator row, string text) =>
        Eventually.Holds(async () =>
        {
            await ask();
            Assert.Contains(text, await row.InnerTextAsync(new() { Timeout = 2_000 }));
        });
}
