using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Where the controller stands, so a driver that just connected (possibly on another node after a
/// failover) knows what to resend: the allow-list version it holds, its policy, its event log
/// (epoch, newest number written, highest number acknowledged) and its clock.
/// </summary>
public sealed record ControllerStatus(
    byte SlotCount,
    OfflinePolicy Policy,
    uint AllowListVersion,
    uint EventEpoch,
    uint LastEventNumber,
    uint AcknowledgedUpTo,
    DateTimeOffset Clock) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.ControllerStatus;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        writer.U8(SlotCount);
        writer.U8((byte)Policy);
        writer.U32(AllowListVersion);
        writer.U32(EventEpoch);
        writer.U32(LastEventNumber);
        writer.U32(AcknowledgedUpTo);
        writer.Time(Clock);
    }

    internal static ControllerStatus Read(ref PayloadReader reader) =>
        new(reader.U8(), reader.Enum<OfflinePolicy>(), reader.U32(), reader.U32(), reader.U32(), reader.U32(), reader.Time());
}
