using System.Security.Cryptography.X509Certificates;

namespace FleetKeys.Simulator;

/// <summary>What docs/protocol.md leaves to the controller's maker.</summary>
public sealed record SimulatorOptions
{
    /// <summary>
    /// Offline, how long a granted badge releases the door, how long a selected slot stays
    /// released, and how long the admitted person may go on selecting keys.
    /// </summary>
    public TimeSpan LocalReleaseTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Unacknowledged events a cabinet holds before it refuses offline access: a full log refuses
    /// rather than drop an event. Physical events (tags, door) are logged beyond it, as they happen regardless.
    /// </summary>
    public int EventLogCapacity { get; init; } = 10_000;

    /// <summary>
    /// With a certificate (and its private key), the controller's serial server speaks TLS 1.3 only, presenting it; without,
    /// plain TCP. The driver trusts it when its SHA-256 thumbprint is pinned for the controller.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>Loopback unless asked otherwise: a container serving other containers listens on 0.0.0.0.</summary>
    public string ListenAddress { get; init; } = SimulatedController.Host;
}
