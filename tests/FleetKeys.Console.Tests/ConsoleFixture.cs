using FleetKeys.Domain.People;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Console.Tests;

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

/// <summary>
/// One node with a simulated fleet (2 controllers × 2 cabinets × 6 slots, over real TCP) and one browser, shared by
/// every spec of the collection; specs use people of their own, so they can share the cabinets.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private IPlaywright _playwright = null!;
    private int _people;

    public HardwareRig Rig { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Rig.Node.BaseAddress;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Rig = await HardwareRig.StartAsync(_database, layout: new FleetLayout(2, 2, 6));
        (_playwright, Browser) = await Tests.Browser.Launch();
    }

    /// <summary>A new browser context (its own cookies) signed in with <paramref name="apiKey"/>, on the fleet overview.</summary>
    public async Task<IPage> SignedIn(string apiKey)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A person of the spec's own, entitled everywhere on the rig's site.</summary>
    public Task<SimulatedPerson> Person(string name, int maxKeys = 3) =>
        Rig.Person($"{name}-{Interlocked.Increment(ref _people)}", maxKeys: maxKeys);

    public SimulatedCabinet Cabinet(string id) => Rig.Cabinets.Single(c => c.CabinetId == id);

    /// <summary>At the cabinet: badge, choose the slot, take the key out once it unlocks.</summary>
    public async Task Take(SimulatedPerson person, string cabinetId, byte slot)
    {
        var cabinet = Cabinet(cabinetId);
        cabinet.PresentBadge(person.Badge);
        await cabinet.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
        cabinet.SelectKey(slot);
        await cabinet.WhenUnlocked(slot, HardwareRig.Within());
        Assert.True(cabinet.TakeKey(slot), $"the key of slot {slot} could not be taken");
    }

    /// <summary>The screen is connected to the server: from now on it is updated without a reload.</summary>
    public static Task WhenInteractive(IPage page) =>
        Expect(page.Locator("[data-test=live]")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>
    /// A form was posted and the page it came back to says <paramref name="notice"/> and is connected again: typing or a
    /// click on a page still turning interactive is lost when its prerendered elements are replaced.
    /// </summary>
    public static async Task Answered(IPage page, string notice)
    {
        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync(notice);
        await WhenInteractive(page);
    }

    /// <summary>Saves a screenshot for docs/console.md when FLEETKEYS_SCREENSHOTS names a folder; otherwise does nothing.</summary>
    public static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FLEETKEYS_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Rig.DisposeAsync();
        await _database.DisposeAsync();
    }
}
