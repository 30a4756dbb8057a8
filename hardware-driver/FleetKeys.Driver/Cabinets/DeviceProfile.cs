using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// What a device said it is, in osdp_PDID and osdp_PDCAP: a FleetKeys board (FleetKeys's vendor code, which the MFG messages
/// need) or another vendor's device, and whether it reads cards. The driver asks a stock reader after each new session and
/// says so when the device at a reader address is not one (docs/protocol.md, "A mixed bus").
/// </summary>
internal sealed class DeviceProfile
{
    public DeviceIdentification? Identification { get; private set; }
    public DeviceCapabilities? Capabilities { get; private set; }

    /// <summary>Whether the device speaks FleetKeys's MFG messages; null until it identified itself.</summary>
    public bool? IsFleetKeysBoard => Identification is { } id ? id.Vendor == VendorCode.FleetKeys : null;

    /// <summary>Whether the device reads cards; null until it listed its capabilities.</summary>
    public bool? ReadsCards => Capabilities?.Capabilities.Any(c => c.Function == CapabilityFunction.CardDataFormat);

    /// <summary>Takes what the reply tells; true if it was an identification or capabilities.</summary>
    public bool Learn(Reply reply)
    {
        switch (reply)
        {
            case DeviceIdentification id:
                Identification = id;
                return true;
            case DeviceCapabilities capabilities:
                Capabilities = capabilities;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Why the device does not fit a reader address, once it has said enough; null while it fits (or has not said).</summary>
    public string? MisfitAsReader() => (IsFleetKeysBoard, ReadsCards) switch
    {
        (true, _) => $"it is a FleetKeys board (vendor {Identification!.Vendor}), not a stock reader",
        (_, false) => "it does not read cards (no card data format in its capabilities)",
        _ => null,
    };
}
