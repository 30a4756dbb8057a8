using FleetKeys.Console.Actions;
using FleetKeys.Console.Components;
using FleetKeys.Console.Live;
using FleetKeys.Console.Reports;
using FleetKeys.Console.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Console;

public static class ConsoleHostingExtensions
{
    /// <summary>
    /// The control-room console, served by the node at "/": sign-in, the screens, their live updates and their actions.
    /// <paramref name="dataFolder"/> keeps the keys that protect session cookies, so sessions survive a restart.
    /// </summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder, ConsoleSettings settings, string dataFolder)
    {
        // Outside a published folder the assets stay where the build left them (the framework's script in the package cache).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddConsoleAuthentication(settings);
        services.AddDataProtection().SetApplicationName("FleetKeys.Console").PersistKeysToFileSystem(PrivateFolder(dataFolder, "console-keys"));
        services.AddSingleton<ActionNotices>();
        services.AddSingleton<Reports.ReportCatalog>();
        services.AddSingleton<FleetPulse>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetPulse>());
        return builder;
    }

    /// <summary>The keys that sign session cookies are the node's secrets: a folder only its user may read.</summary>
    private static DirectoryInfo PrivateFolder(string dataFolder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(dataFolder, name));
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Call after the API is mapped: the console's middleware comes after authentication.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<ConsoleSettings>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignIn(settings);
        app.MapActions();
        app.MapAdministration();
        app.MapReportDownloads();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
