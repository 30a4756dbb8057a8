using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The cluster has persisted every event of <see cref="Epoch"/> up to and including
/// <see cref="UpTo"/>; the controller may now forget them, and only them. Answered with ACK.
/// </summary>
public sealed record EventAck(uint Epoch, uint UpTo) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.EventAck;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        writer.U32(Epoch);
        writer.U32(UpTo);
    }

    internal static EventAck Read(ref PayloadReader reader) => new(reader.U32(), reader.U32());
}
