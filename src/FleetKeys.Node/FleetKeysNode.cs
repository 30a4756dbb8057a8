using Akka.Hosting;
using Akka.Logger.Serilog;
using FleetKeys.Api;
using FleetKeys.Cluster;
using FleetKeys.Driver;
using FleetKeys.Node.Demo;
using Serilog;

namespace FleetKeys.Node;

/// <summary>The composition root: configuration → logging → actor system → HTTP. Tests build nodes through it too.</summary>
public static class FleetKeysNode
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // "--demo" is a switch, not a key/value pair, so it is taken out before configuration parses the arguments.
        var demo = args.Contains("--demo");
        args = [.. args.Where(a => a != "--demo")];
        // appsettings.json ships beside the binary; relative paths in it (the data folder) are read from the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // A --config file sits above appsettings.json; environment and arguments still override it.
        var file = ConfigFileArgument(args) ?? Environment.GetEnvironmentVariable("FLEETKEYS_CONFIG");
        if (file is not null)
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false)
                .AddEnvironmentVariables()
                .AddCommandLine(args);
        if (demo) builder.Configuration.AddInMemoryCollection([new("FleetKeys:Demo:Enabled", "true")]);
        customize?.Invoke(builder);

        var settings = NodeSettings.From(builder.Configuration);
        Log.Logger = NodeLogging.Create(settings.Logging);
        builder.Services.AddSerilog();
        var keyFile = BootstrapKey.EnsureFor(settings);

        builder.Services.AddFleetKeysServices(settings.Entities);
        builder.Services.AddHardwareDriver(settings.Hardware);
        if (settings.Demo.Enabled)
        {
            builder.Services.AddSingleton(settings.Demo);
            builder.Services.AddHostedService<DemoFleet>();
        }
        builder.Services.AddFleetKeysApi(settings.Api, settings.Persistence);
        builder.Services.AddAkka(settings.Cluster.SystemName, (akka, _) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            })
            .AddFleetKeys(settings.Cluster, settings.Persistence));

        var app = builder.Build();
        app.MapFleetKeysApi();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Log.Information("FleetKeys node {Host}:{Port} serving {Urls}, journal on {Provider}",
                settings.Cluster.Hostname, settings.Cluster.Port, string.Join(", ", app.Urls), settings.Persistence.Provider);
            if (keyFile is not null) Log.Information("No API keys configured: an admin key is in {KeyFile}", keyFile);
        });
        return app;
    }

    private static string? ConfigFileArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--config");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
