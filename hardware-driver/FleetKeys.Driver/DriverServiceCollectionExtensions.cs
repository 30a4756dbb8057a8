using Akka.Hosting;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Driver;

public static class DriverServiceCollectionExtensions
{
    /// <summary>Lets this node drive the controllers sharding gives it; without it, controllers are configuration only.</summary>
    public static IServiceCollection AddHardwareDriver(this IServiceCollection services, DriverSettings settings)
    {
        services.AddSingleton(settings);
        DriverMetrics.Publish();
        services.AddSingleton<IControllerDriver>(sp =>
            new TcpControllerDriver(settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IActorRegistry>(), sp.GetRequiredService<NodeKeys>()));
        return services;
    }
}
