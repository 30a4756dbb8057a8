using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Cluster.Persistence;

public static class DatabaseWatchHostingExtensions
{
    /// <summary>The services the watch shares with the API: the ping and the last answer it gave.</summary>
    public static IServiceCollection AddDatabaseWatchServices(this IServiceCollection services, PersistenceSettings persistence) =>
        services.AddSingleton(new DatabasePing(persistence)).AddSingleton<DatabaseAvailability>();

    /// <summary>One watch per node: each node's own connection to the database is what its requests depend on.</summary>
    public static AkkaConfigurationBuilder AddDatabaseWatch(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _, resolver) => system.ActorOf(resolver.Props<DatabaseWatch>(), "database-watch"));
}
