using FleetKeys.Cluster;
using FleetKeys.Cluster.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// Prometheus metrics at /metrics (request latency from ASP.NET Core, the .NET runtime and the process, custody
/// transactions, open alarms, and per site cabinets online, keys out, overdue and master keys out, the controllers
/// connected and the hardware driver's counters) and browsable API references, /scalar/v1 and /scalar/scim, beside the
/// OpenAPI documents.
/// </summary>
public static class ObservabilityEndpoints
{
    /// <summary>The hardware driver's meter; named here so the API need not depend on the driver.</summary>
    public const string DriverMeter = "FleetKeys.Driver";

    public static IServiceCollection AddFleetKeysObservability(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddMeter(FleetKeysMeter.Name, DriverMeter)
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapFleetKeysObservability(this WebApplication app)
    {
        app.Services.GetRequiredService<ReadSideMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapScalarApiReference(options => options
            .WithTitle("FleetKeys API reference")
            .AddDocument(OpenApiDocuments.Api, "Management API", isDefault: true)
            .AddDocument(OpenApiDocuments.Scim, "SCIM 2.0")
            // The vendor's own toolbar (Configure, Share, Generate SDK, Deploy), "Ask AI", MCP offer, telemetry and
            // "Powered by" link have no place on a node's reference page.
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .WithCustomCss("a[href*='utm_source=powered-by'] { display: none; }"));
        return app;
    }
}
