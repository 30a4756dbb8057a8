using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Adds or replaces entries (keyed by badge). Like every allow-list change it carries the list
/// version it produces; see <see cref="AllowListAck"/> for when the controller applies it.
/// </summary>
public sealed record AllowListUpsert(uint Version, ValueList<AllowListEntry> Entries) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.AllowListUpsert;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        writer.U32(Version);
        writer.Count(Entries.Count, "allow-list upsert");
        foreach (var entry in Entries) entry.Write(ref writer);
    }

    internal static AllowListUpsert Read(ref PayloadReader reader)
    {
        var version = reader.U32();
        var entries = new AllowListEntry[reader.Count(AllowListEntry.MinLength)];
        for (var i = 0; i < entries.Length; i++) entries[i] = AllowListEntry.Read(ref reader);
        return new AllowListUpsert(version, entries);
    }
}
