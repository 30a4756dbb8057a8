using Akka.Hosting;
using Akka.Logger.Serilog;
using FleetKeys.Api;
using FleetKeys.Api.Import;
using FleetKeys.Management;
using FleetKeys.Management.Logs;
using FleetKeys.Scim;
using FleetKeys.Api.Webhooks;
using FleetKeys.Cluster;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Domain.Controllers;
using FleetKeys.Console;
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
        // The application is named, not taken from the entry assembly, so a node hosted by a test finds its static assets too.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(FleetKeysNode).Assembly.GetName().Name,
        });
        // A --config file sits above appsettings.json; environment and arguments still override it.
        var file = ConfigFileArgument(args) ?? Environment.GetEnvironmentVariable("FLEETKEYS_CONFIG");
        if (file is not null)
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false)
                .AddEnvironmentVariables()
                .AddCommandLine(args);
        if (demo) builder.Configuration.AddInMemoryCollection([new("FleetKeys:Demo:Enabled", "true")]);
        customize?.Invoke(builder);

        var settings = NodeSettings.From(builder.Configuration);
        if (settings.Demo.Enabled && settings.Demo.Problem() is { } impossible) throw new NodeConfigurationException(impossible);
        if (settings.Retention.Problem() is { } retention) throw new NodeConfigurationException(retention);
        builder.AddTransportSecurity(settings);
        // A bad network fails the start before anything is written or logged.
        var networks = new ControllerNetworks(settings.Hardware.AllowedNetworks);
        var recentLog = new RecentLogLines();
        // Akka.Logger.Serilog writes through the static logger; the node's own services through this node's logger,
        // so nodes sharing a process (tests) each keep their own recent lines.
        Log.Logger = NodeLogging.Create(settings.Logging, recentLog);
        builder.Services.AddSerilog(Log.Logger);
        DataFolder.MakePrivate(settings.Persistence);
        if (PreContract.Refusal(settings.Persistence) is { } refusal) throw new NodeConfigurationException(refusal);
        var keyFile = BootstrapKey.EnsureFor(settings);

        builder.Services.AddFleetKeysServices(settings.Entities, settings.Persistence);
        builder.Services.AddNodeKeys(settings.Hardware.MasterSecretBytes());
        builder.Services.AddPersonKeys(settings.Persistence);
        builder.Services.AddAuditProof(settings.Audit, settings.Hardware.MasterSecretBytes());
        builder.Services.AddHardwareDriver(settings.Hardware);
        builder.Services.AddSingleton(networks);
        if (settings.Demo.Enabled)
        {
            builder.Services.AddSingleton(settings.Demo);
            builder.Services.AddHostedService<DemoFleet>();
        }
        builder.Services.AddFleetKeysApi(settings.Api, settings.Persistence);
        builder.Services.AddSingleton(settings.Webhooks);
        builder.Services.AddSingleton(settings.Notifications);
        builder.Services.AddSingleton(settings.Reports);
        builder.Services.AddScim(settings.Scim, settings.Persistence);
        builder.AddConsole(settings.Console, settings.Persistence.DataFolder);
        builder.Services.AddAkka(settings.Cluster.SystemName, (akka, _) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            })
            .AddFleetKeys(settings.Cluster, settings.Persistence)
            .AddHistoryRetention(settings.Retention)
            .AddAuditCheckpoints());
        builder.Services.AddManagement(settings.Management, settings.Api, recentLog, settings);

        var app = builder.Build();
        app.UseTransportSecurity();
        app.MapFleetKeysApi();
        app.MapAccessControlWebhook();
        app.MapPeopleImport(settings.Persistence.DataFolder);
        app.MapScim();
        app.MapConsole();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FleetKeysNode));
            log.LogInformation("FleetKeys node {Host}:{Port} serving {Urls}, journal on {Provider}",
                settings.Cluster.Hostname, settings.Cluster.Port, string.Join(", ", app.Urls), settings.Persistence.Provider);
            if (keyFile is { BesideConfiguredKeys: false }) log.LogInformation("No API keys configured: an admin key is in {KeyFile}", keyFile.Path);
            if (keyFile is { BesideConfiguredKeys: true })
                log.LogWarning("The admin key in {KeyFile} is still accepted beside the configured API keys; delete the file and restart to retire it",
                    keyFile.Path);
        });
        return app;
    }

    private static string? ConfigFileArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--config");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
