using System.Net.Http.Json;

namespace FleetKeys.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FleetSpecs(ConsoleFixture fixture)
{
    /// <summary>
    /// How long after the entity has it a change may take to reach an open screen: the 2 s, with room for a machine
    /// shared with other builds (docs/benchmarks.md has the figure measured on a quiet one).
    /// </summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 5_000 };

    [Fact]
    public async Task A_key_taken_at_a_cabinet_shows_on_the_cabinet_view_and_on_the_fleet_overview_without_a_reload()
    {
        const string cabinet = "ctl-01-cab-02";
        var overview = await fixture.SignedIn(NodeApp.OperatorKey);
        var view = await overview.Context.NewPageAsync();
        await view.GotoAsync($"/cabinets/{cabinet}");
        var slot = view.Locator("[data-test=slot][data-slot='3']");
        await Expect(slot).ToHaveAttributeAsync("data-status", "in");
        var row = overview.Locator($"[data-test=cabinet][data-cabinet='{cabinet}'] [data-test=out]");
        var outBefore = int.Parse(await row.InnerTextAsync());
        await ConsoleFixture.WhenInteractive(view);
        await ConsoleFixture.WhenInteractive(overview);

        var person = await fixture.Person("taker");
        await fixture.Take(person, cabinet, 3);
        await Eventually.Holds(async () => Assert.Equal("out",
            (await fixture.Rig.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cabinets/{cabinet}/slots/3")).GetProperty("status").GetString()));

        await Expect(slot).ToHaveAttributeAsync("data-status", "out", Live);
        await Expect(slot).ToContainTextAsync(person.PersonId);
        await Expect(row).ToHaveTextAsync((outBefore + 1).ToString(), new() { Timeout = 5_000 });
        await ConsoleFixture.Screenshot(view, "cabinet");
        await ConsoleFixture.Screenshot(overview, "fleet");
    }
}
