using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// osdp_COMSET: the bus address and baud rate the device is to use from its reply on. Data: the address, then the baud
/// rate, 4 bytes least significant first. The device answers osdp_COM (<see cref="CommunicationSettings"/>) from its
/// present address and is reachable only at the new one afterwards.
/// </summary>
public sealed record CommunicationSet(byte Address, uint BaudRate) : Command
{
    /// <summary>The rates OSDP names for a bus.</summary>
    public static IReadOnlyList<uint> BaudRates { get; } = [9600, 19200, 38400, 57600, 115200, 230400];

    public override CommandCode Code => CommandCode.CommunicationSet;

    /// <summary>A device address (not the broadcast one) and one of <see cref="BaudRates"/>.</summary>
    public bool IsValid => Address < Packet.BroadcastAddress && BaudRates.Contains(BaudRate);

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.U8(Address);
        writer.U32(BaudRate);
    }

    internal static CommunicationSet Read(ref PayloadReader reader) => new(reader.U8(), reader.U32());
}
