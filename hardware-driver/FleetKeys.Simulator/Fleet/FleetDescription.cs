using FleetKeys.Protocol;

namespace FleetKeys.Simulator.Fleet;

/// <summary>
/// Everything a node needs to register a running simulated fleet: where each controller listens,
/// which cabinet sits at which bus address, and the tag homed in every slot. Secrets are not
/// in it: the node derives each one from the shared master secret (ControllerSecret.Derive).
/// </summary>
public sealed record FleetDescription(string Host, ValueList<ControllerSpec> Controllers);
