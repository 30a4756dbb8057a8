using Akka.Actor;
using Akka.DependencyInjection;

namespace FleetKeys.Cluster.Entities;

/// <summary>What every entity shell needs from the host: the clock and the flow settings.</summary>
public sealed record EntityServices(TimeProvider Clock, EntitySettings Settings)
{
    public static EntityServices From(IDependencyResolver resolver) =>
        new(resolver.GetService<TimeProvider>() ?? TimeProvider.System, resolver.GetService<EntitySettings>() ?? new EntitySettings());
}
