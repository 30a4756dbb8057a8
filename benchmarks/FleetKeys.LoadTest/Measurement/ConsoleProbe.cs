using FleetKeys.LoadTest.Hosting;
using Microsoft.Playwright;

namespace FleetKeys.LoadTest.Measurement;

/// <summary>What one open console costs and keeps up with at the fleet's size (DESIGN.md: first render ≤ 1 s, live ≤ 2 s).</summary>
public sealed record ConsoleFigures(
    LatencySummary FleetFirstRender, LatencySummary CabinetFirstRender, double ChangesPerSecond, double RefreshesPerSecond, LatencySummary Staleness);

/// <summary>
/// Debian's chromium signed in to the node's console: the first render (first contentful paint) of the fleet overview and
/// of a cabinet view, then, while the workload runs, how many live changes the open overview took in and how far what it
/// shows lagged behind (now − the time its rows were read, sampled four times a second).
/// </summary>
public sealed class ConsoleProbe : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private ConsoleProbe(IPlaywright playwright, IBrowser browser, IPage page) => (_playwright, _browser, _page) = (playwright, browser, page);

    public static async Task<ConsoleProbe> StartAsync(Uri node, string adminKey)
    {
        var playwright = await Playwright.CreateAsync();
        List<string> args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage"];
        if (Environment.UserName == "root") args.Add("--no-sandbox");
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = args });
        var context = await browser.NewContextAsync(new() { BaseURL = node.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#key").FillAsync(adminKey);
        await page.Locator("form[action='/signin/key'] button").ClickAsync();
        await page.Locator("[data-test=cabinet]").First.WaitForAsync(new() { Timeout = 60_000 });
        return new ConsoleProbe(playwright, browser, page);
    }

    /// <summary>Each page loaded <paramref name="times"/> times; the browser's own first contentful paint, from navigation start.</summary>
    public async Task<(LatencySummary Fleet, LatencySummary Cabinet)> FirstRenders(string cabinet, int times)
    {
        var (fleet, cabinetView) = (new Latencies("fleet overview first render"), new Latencies("cabinet view first render"));
        for (var i = 0; i < times; i++)
        {
            fleet.Record(await FirstPaint("/", "[data-test=cabinet]"));
            cabinetView.Record(await FirstPaint($"/cabinets/{cabinet}", "[data-test=slot]"));
        }

        return (fleet.Summary(), cabinetView.Summary());
    }

    private async Task<double> FirstPaint(string path, string shown)
    {
        await _page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        await _page.Locator(shown).First.WaitForAsync();
        return await _page.EvaluateAsync<double>(
            "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
    }

    /// <summary>Watches the live fleet overview until <paramref name="cancellationToken"/> ends the workload.</summary>
    public async Task<ConsoleFigures> Watch(NodeUnderTest node, (LatencySummary Fleet, LatencySummary Cabinet) firstRenders, CancellationToken cancellationToken)
    {
        await _page.GotoAsync("/");
        await _page.Locator("[data-test=live][data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
        var staleness = new Latencies("console staleness");
        var reads = new HashSet<string>();
        var passed = await node.LiveChangesPassed(CancellationToken.None);
        var started = DateTimeOffset.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var readAt = await _page.EvaluateAsync<string>("() => document.querySelector('[data-test=live]').dataset.readAt");
            reads.Add(readAt);
            staleness.Record(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - long.Parse(readAt));
            await Task.Delay(250, CancellationToken.None);
        }

        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        return new ConsoleFigures(firstRenders.Fleet, firstRenders.Cabinet, (await node.LiveChangesPassed(CancellationToken.None) - passed) / seconds, reads.Count / seconds, staleness.Summary());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
