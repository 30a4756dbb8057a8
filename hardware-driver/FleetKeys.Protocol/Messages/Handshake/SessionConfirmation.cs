using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>RMAC_I (security block 0x14): the controller's 16-byte key confirmation; the session is up.</summary>
public sealed record SessionConfirmation(ByteString Confirmation) : Reply
{
    public override ReplyCode Code => ReplyCode.SessionConfirmation;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Confirmation, SessionKeys.ConfirmationLength, "key confirmation");

    internal static SessionConfirmation Read(ref PayloadReader reader) => new(reader.Fixed(SessionKeys.ConfirmationLength));
}
