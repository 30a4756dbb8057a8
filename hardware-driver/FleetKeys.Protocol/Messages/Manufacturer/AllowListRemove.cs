using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Removes the entries of these badges (absent ones are ignored).</summary>
public sealed record AllowListRemove(uint Version, ValueList<ByteString> Badges) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.AllowListRemove;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        writer.U32(Version);
        writer.Count(Badges.Count, "allow-list removal");
        foreach (var badge in Badges) writer.Bytes8(badge, 1, FieldLimits.MaxBadgeLength, "badge");
    }

    internal static AllowListRemove Read(ref PayloadReader reader)
    {
        var version = reader.U32();
        var badges = new ByteString[reader.Count(2)];
        for (var i = 0; i < badges.Length; i++) badges[i] = reader.Bytes8(1, FieldLimits.MaxBadgeLength);
        return new AllowListRemove(version, badges);
    }
}
