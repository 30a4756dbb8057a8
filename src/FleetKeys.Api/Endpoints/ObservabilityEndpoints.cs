using FleetKeys.Cluster;
using FleetKeys.Cluster.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// Prometheus metrics at /metrics (request latency from ASP.NET Core, custody transactions, open alarms, cabinets online,
/// and the hardware driver's counters) and a browsable API reference at /scalar/v1 beside the OpenAPI document.
/// </summary>
public static class ObservabilityEndpoints
{
    /// <summary>The hardware driver's meter; named here so the API need not depend on the driver.</summary>
    public const string DriverMeter = "FleetKeys.Driver";

    public static IServiceCollection AddFleetKeysObservability(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(FleetKeysMeter.Name, DriverMeter)
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapFleetKeysObservability(this WebApplication app)
    {
        app.Services.GetRequiredService<ReadSideMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapScalarApiReference(options => options.WithTitle("FleetKeys management API"));
        return app;
    }
}
