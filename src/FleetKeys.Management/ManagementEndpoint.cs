namespace FleetKeys.Management;

/// <summary>Where the management port is listening once it is, for the node palette, the log and the tests.</summary>
public sealed class ManagementEndpoint
{
    /// <summary>"host:port" (the real port when 0 was configured); null until bound, or when the port could not be bound.</summary>
    public string? Address { get; internal set; }
}
