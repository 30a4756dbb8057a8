namespace FleetKeys.Cluster.Controllers;

/// <summary>
/// Registry key of the controller shard region. The entities themselves (the drivers) live in
/// hardware-driver/FleetKeys.Driver; the key is here so configuration can reach them without depending on the driver.
/// </summary>
public sealed class ControllerRegion;
