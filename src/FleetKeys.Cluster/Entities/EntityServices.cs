using Akka.Actor;
using Akka.DependencyInjection;
using FleetKeys.Cluster.Controllers;

namespace FleetKeys.Cluster.Entities;

/// <summary>What entity shells need from the host: the clock, the flow settings, and (for controllers) the hardware driver.</summary>
public sealed record EntityServices(TimeProvider Clock, EntitySettings Settings, IControllerDriver? Driver = null)
{
    /// <summary>Set for entities behind a shard region that are not remembered: see <see cref="EventSourcedEntity{TState,TCommand,TEvent}"/>.</summary>
    public bool StopWhenEmpty { get; init; }

    public static EntityServices From(IDependencyResolver resolver) =>
        new(resolver.GetService<TimeProvider>() ?? TimeProvider.System, resolver.GetService<EntitySettings>() ?? new EntitySettings(),
            resolver.GetService<IControllerDriver>());
}
