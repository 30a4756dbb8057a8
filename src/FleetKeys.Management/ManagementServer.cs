using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Management.Commands;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Management;

/// <summary>
/// The management port: a Kestrel server of its own beside the API's, so the API port never answers /mgmt and the
/// management port never answers the API, and each binds where it is configured. It shares the node's services (the
/// catalog, the API keys, the logging) but none of the API's pipeline.
/// A port already in use does not stop the node — custody must go on — it is logged as an error naming the setting.
/// Given a certificate (FleetKeys:Management:Certificate) it serves HTTPS only; this is the one place its transport is set up.
/// </summary>
public sealed class ManagementServer(
    ManagementSettings settings, ApiKeySettings keys, CommandCatalog catalog, ManagementEndpoint endpoint, ILoggerFactory logs,
    CallerAccesses? accesses = null, PermissionVocabulary? vocabulary = null)
    : IHostedService, IAsyncDisposable
{
    private readonly ILogger _log = logs.CreateLogger<ManagementServer>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(settings.Host, out var address))
            throw new InvalidOperationException($"FleetKeys:Management:Host must be an IP address such as 127.0.0.1, not '{settings.Host}'");

        // The empty builder reads no configuration: the API's "Urls" or ASPNETCORE_URLS must not leak into this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var certificate = settings.Certificate.IsSet ? settings.Certificate.Load("FleetKeys:Management:Certificate") : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
            {
                k.GuardEveryEndpoint();
                k.Listen(address, settings.Port, listen =>
                {
                    if (certificate is not null) listen.UseHttps(certificate);
                });
            })
            // The node's own host says it started and where; this one says so in one line of its own (below).
            .UseSetting(WebHostDefaults.SuppressStatusMessagesKey, "true");
        // The slim Kestrel leaves TLS out unless asked; this server reads no configuration, so nothing else comes with it.
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddApiKeyAuth(keys);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ChangeOriginMiddleware>(OriginKind.Fleetctl);
        app.MapManagementCommands();
        // A node always has the grants to tell; a port started alone (its own specs) has only the commands.
        if (accesses is not null && vocabulary is not null) app.MapManagementMe(accesses, vocabulary);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            _log.LogError("Management port {Host}:{Port} could not be bound ({Reason}); fleetctl cannot reach this node. " +
                          "Set FleetKeys:Management:Port to a free port.", settings.Host, settings.Port, e.Message);
            await app.DisposeAsync();
            return;
        }

        _app = app;
        endpoint.Address = new Uri(app.Urls.First()).Authority;
        _log.LogInformation("Management port for fleetctl on {Endpoint} ({Scheme})", endpoint.Address, certificate is null ? "http" : "https");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
