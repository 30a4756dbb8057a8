using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Empties the list and sets its version, whatever the current one: the start of a full reload
/// when the cluster cannot bring the controller's list up to date change by change.
/// </summary>
public sealed record AllowListClear(uint Version) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.AllowListClear;

    private protected override void WritePayload(ref PayloadWriter writer) => writer.U32(Version);

    internal static AllowListClear Read(ref PayloadReader reader) => new(reader.U32());
}
