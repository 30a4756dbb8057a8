using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace FleetKeys.Console.Tests;

/// <summary>Every screen checked by axe-core (WCAG 2.1 A and AA rules: labels, names, contrast, structure) in the real browser.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilitySpecs(ConsoleFixture fixture)
{
    [Fact]
    public async Task Every_screen_passes_axes_wcag_a_and_aa_rules()
    {
        var page = await fixture.SignedIn(NodeApp.AdminKey);
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var failures = new List<string>();
        foreach (var path in (string[])["/", "/cabinets/ctl-01-cab-01", "/keys", "/keys/ctl-01-cab-01-k02", "/people", "/alarms", "/reports",
                     "/reservations?slot=ctl-01-cab-01/2", "/admin"])
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("[data-test=live]")).ToBeVisibleAsync();
            var result = await page.RunAxe(options);
            failures.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
