using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Revocation: removes every entry of one person, whatever the badge.</summary>
public sealed record AllowListPurge(uint Version, string PersonId) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.AllowListPurge;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        writer.U32(Version);
        writer.Text8(PersonId, 1, FieldLimits.MaxPersonIdLength, "person id");
    }

    internal static AllowListPurge Read(ref PayloadReader reader) =>
        new(reader.U32(), reader.Text8(1, FieldLimits.MaxPersonIdLength));
}
