using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// osdp_COM, the answer to osdp_COMSET: the address and baud rate the device uses from now on (its present ones when it
/// refused the settings asked for). Data laid out as in osdp_COMSET.
/// </summary>
public sealed record CommunicationSettings(byte Address, uint BaudRate) : Reply
{
    public override ReplyCode Code => ReplyCode.CommunicationSettings;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.U8(Address);
        writer.U32(BaudRate);
    }

    internal static CommunicationSettings Read(ref PayloadReader reader) => new(reader.U8(), reader.U32());
}
