using System.Diagnostics.Metrics;

namespace FleetKeys.Cluster;

/// <summary>The cluster's own instruments, exported through OpenTelemetry by whoever listens to the "FleetKeys" meter.</summary>
public static class FleetKeysMeter
{
    public const string Name = "FleetKeys";

    public static readonly Meter Meter = new(Name);
}
