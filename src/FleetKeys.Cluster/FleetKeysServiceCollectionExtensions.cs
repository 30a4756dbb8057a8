using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FleetKeys.Cluster;

public static class FleetKeysServiceCollectionExtensions
{
    /// <summary>
    /// The services beside the actor system: the clock (replaceable in tests), flow settings, admin and history, and what the
    /// journal watch knows of the database.
    /// </summary>
    public static IServiceCollection AddFleetKeysServices(this IServiceCollection services, EntitySettings settings, PersistenceSettings persistence)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton<FleetAdmin>();
        services.AddSingleton<FleetCommands>();
        services.AddSingleton<Reports.ReportSubscriptionsClient>();
        services.AddSingleton<Scopes.AccessScopesClient>();
        services.AddSingleton(sp => new JournalHistory(sp.GetRequiredService<ActorSystem>()));
        services.AddDatabaseWatchServices(persistence);
        services.AddSingleton(new JournalBackup(persistence));
        return services;
    }

    /// <summary>The keys derived from the hardware master secret (base64 "FleetKeys:Hardware:MasterSecret") that seal what the node keeps.</summary>
    public static IServiceCollection AddNodeKeys(this IServiceCollection services, byte[] masterSecret) =>
        services.AddSingleton(new NodeKeys(masterSecret));

    /// <summary>
    /// The people's keys (crypto-shredding): with it registered, the node's journal stores personal fields sealed under
    /// their person's key (<see cref="Serialization.StoredJson"/>); needs <see cref="AddNodeKeys"/>.
    /// </summary>
    public static IServiceCollection AddPersonKeys(this IServiceCollection services, PersistenceSettings persistence) =>
        services.AddSingleton(sp => new PersonKeys(persistence, sp.GetRequiredService<NodeKeys>(), sp.GetRequiredService<TimeProvider>()));
}
