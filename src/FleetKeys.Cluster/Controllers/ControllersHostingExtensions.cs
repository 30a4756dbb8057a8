using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Controllers;

public static class ControllersHostingExtensions
{
    public static AkkaConfigurationBuilder AddControllers(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<ControllerRegion, IControllerMessage>("controller", m => m.Controller.Value,
            (id, services) => Props.Create<ControllerActor>(ControllerId.Parse(id), services, services.Driver),
            remembered: true);
}
