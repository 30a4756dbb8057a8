using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>LSTATR: tamper and power, one byte each (0 normal, 1 alarm) as in OSDP.</summary>
public sealed record LocalStatus(bool Tamper, bool PowerFailure) : Reply
{
    public override ReplyCode Code => ReplyCode.LocalStatus;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.Bool(Tamper);
        writer.Bool(PowerFailure);
    }

    internal static LocalStatus Read(ref PayloadReader reader) => new(reader.Bool(), reader.Bool());
}
