using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// How a controller answers whoever asks about it or changes it: where it is reached, its offline policy and the cabinets
/// on its bus by address, so callers never hold the entity's state record (what the journal snapshots).
/// </summary>
public sealed record ControllerDetails(
    ControllerId Id,
    bool Registered,
    bool Decommissioned,
    string Host,
    int Port,
    OfflinePolicy OfflinePolicy,
    ImmutableDictionary<int, AttachedCabinet> Cabinets) : IFleetKeysMessage
{
    /// <summary>Open commissioning windows: bus address → until when.</summary>
    public ImmutableDictionary<int, DateTimeOffset> Commissioning { get; init; } = ImmutableDictionary<int, DateTimeOffset>.Empty;

    /// <summary>The key generation each device holds (bus address → generation; absent: 0).</summary>
    public ImmutableDictionary<int, int> KeyGenerations { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Key rotations waiting for the device: bus address → the generation it is to take.</summary>
    public ImmutableDictionary<int, int> KeyRotations { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>The pinned SHA-256 thumbprint of the controller's TLS certificate; null: plain TCP.</summary>
    public string? TlsThumbprint { get; init; }

    public static ControllerDetails Of(ControllerState c) =>
        new(c.Id, c.Registered, c.Decommissioned, c.Host, c.Port, c.OfflinePolicy, c.Cabinets)
        {
            Commissioning = c.Commissioning, KeyGenerations = c.KeyGenerations, KeyRotations = c.KeyRotations, TlsThumbprint = c.TlsThumbprint,
        };
}
