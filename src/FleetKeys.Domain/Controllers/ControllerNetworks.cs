using System.Net;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// Where controllers may be (FleetKeys:Hardware:AllowedNetworks, CIDR blocks): with any listed, a controller's host must be
/// an IP address inside one of them — a host name could resolve anywhere later. None listed: anywhere.
/// </summary>
public sealed class ControllerNetworks
{
    public ControllerNetworks(IEnumerable<string> cidrs) =>
        Networks = [.. cidrs.Select(cidr => IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new ArgumentException($"FleetKeys:Hardware:AllowedNetworks: '{cidr}' is not a network such as 10.20.0.0/16", nameof(cidrs)))];

    public static ControllerNetworks Anywhere { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks { get; }

    public bool Allows(string? host) =>
        Networks.Count == 0 || (IPAddress.TryParse(host, out var address) && Networks.Any(n => n.Contains(address)));

    /// <summary>Why a host is refused, for the field's error message.</summary>
    public string Bound => $"must be an IP address in FleetKeys:Hardware:AllowedNetworks ({string.Join(", ", Networks)})";
}
