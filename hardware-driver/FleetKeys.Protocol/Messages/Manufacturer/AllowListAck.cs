using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The answer to every allow-list change: the version the controller's list is at now. A change
/// is applied only if its version is the current one plus one; an older or equal version was
/// applied before (a resend) and is acknowledged without being applied again; a newer one means
/// the controller missed changes and stays where it is, so the cluster resends from the
/// acknowledged version on, or clears and reloads.
/// </summary>
public sealed record AllowListAck(uint Version) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.AllowListAck;

    private protected override void WritePayload(ref PayloadWriter writer) => writer.U32(Version);

    internal static AllowListAck Read(ref PayloadReader reader) => new(reader.U32());
}
