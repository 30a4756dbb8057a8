using Akka.Actor;
using Akka.DependencyInjection;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Security;

namespace FleetKeys.Cluster.Entities;

/// <summary>
/// What entity shells need from the host: the clock, the flow settings, (for controllers) the hardware driver, and (for
/// people) the node's keys; without keys no sealed PIN verifies, so a node missing them denies rather than admits.
/// </summary>
public sealed record EntityServices(TimeProvider Clock, EntitySettings Settings, IControllerDriver? Driver = null, NodeKeys? Keys = null)
{
    /// <summary>Set for entities behind a shard region that are not remembered: see <see cref="EventSourcedEntity{TState,TCommand,TEvent}"/>.</summary>
    public bool StopWhenEmpty { get; init; }

    public static EntityServices From(IDependencyResolver resolver) =>
        new(resolver.GetService<TimeProvider>() ?? TimeProvider.System, resolver.GetService<EntitySettings>() ?? new EntitySettings(),
            resolver.GetService<IControllerDriver>(), resolver.GetService<NodeKeys>());
}
