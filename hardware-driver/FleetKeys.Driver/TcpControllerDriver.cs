using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Controllers;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver;

/// <summary>Drives controllers over TCP with secrets derived from the configured master secret.</summary>
public sealed class TcpControllerDriver(DriverSettings settings, TimeProvider clock, IActorRegistry registry, NodeKeys keys) : IControllerDriver
{
    private readonly byte[] _master = settings.MasterSecretBytes();

    public Props Props(ControllerState controller)
    {
        var secret = ControllerSecret.Derive(_master, controller.Id.Value);
        var cabinets = registry.Get<CabinetRegion>();
        var people = registry.Get<PersonRegion>();
        var directory = registry.Get<AccessDirectoryFeedActor>();
        return Akka.Actor.Props.Create(() => new ControllerConnection(controller, secret, settings, clock, cabinets, people, directory, keys.PinPepper));
    }
}
