using Akka.Actor;
using FleetKeys.Domain.Controllers;

namespace FleetKeys.Cluster.Controllers;

/// <summary>
/// Makes the actor that drives one physical controller (hardware-driver/FleetKeys.Driver supplies it). A node without
/// one keeps controller configuration but drives no hardware — as in tests of the entities alone.
/// </summary>
public interface IControllerDriver
{
    Props Props(ControllerState controller);
}
