namespace FleetKeys.Console.Tests;

/// <summary>Debian's chromium, headless; nothing is downloaded (no "playwright install").</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> Launch()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: ./test.sh installs Debian's chromium (apt-get install chromium)");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // Waits end on what the page shows; this only bounds them on a machine shared with other builds.
        SetDefaultExpectTimeout(15_000);
        // The machine's network is closed: chromium's own background connections (updates, sync, QUIC probes) are switched off.
        List<string> args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage"];
        if (Environment.UserName == "root") args.Add("--no-sandbox");
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = args });
        return (playwright, browser);
    }
}
