using FleetKeys.Api.Auth;
using FleetKeys.Management.Commands;
using FleetKeys.Management.Fleet;
using FleetKeys.Management.Logs;
using FleetKeys.Management.Palettes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Management;

public static class ManagementHostingExtensions
{
    /// <summary>
    /// The management port for fleetctl and the palettes it serves. Call after AddAkka: hosted services start in order,
    /// and the port should open on a running actor system (and close before it stops).
    /// </summary>
    /// <param name="recentLog">The buffer the node's logging feeds, read by "log recent".</param>
    /// <param name="effectiveSettings">The node's bound settings, shown (secrets masked) by "node config".</param>
    public static IServiceCollection AddManagement(
        this IServiceCollection services, ManagementSettings settings, ApiKeySettings keys, RecentLogLines recentLog, object effectiveSettings)
    {
        services.AddSingleton(recentLog);
        services.AddSingleton<ManagementEndpoint>();
        services.AddSingleton<FleetDirectory>();
        services.AddSingleton<IPalette, ClusterPalette>();
        services.AddSingleton<IPalette, ShardingPalette>();
        services.AddSingleton<IPalette, ActorsPalette>();
        services.AddSingleton<IPalette, FleetPalette>();
        services.AddSingleton<IPalette, CustodyPalette>();
        services.AddSingleton<IPalette, PeoplePalette>();
        services.AddSingleton<IPalette, LogPalette>();
        services.AddSingleton<IPalette, AlarmsPalette>();
        services.AddSingleton<IPalette, AuditPalette>();
        services.AddSingleton<IPalette, AccessPalette>();
        services.AddSingleton<IPalette>(sp => new NodePalette(sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<IServer>(),
            sp.GetRequiredService<ManagementEndpoint>(), SettingsSummary.Of(effectiveSettings, "FleetKeys"),
            sp.GetRequiredService<Cluster.Persistence.JournalBackup>()));
        services.AddSingleton<CommandCatalog>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ManagementServer>(sp, settings, keys));
        return services;
    }
}
