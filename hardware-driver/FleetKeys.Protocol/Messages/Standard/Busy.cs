using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// BUSY: the controller cannot take the command now. Nothing was done and the sequence number was
/// not used: the panel resends the same frame a little later.
/// </summary>
public sealed record Busy : Reply
{
    public override ReplyCode Code => ReplyCode.Busy;

    private protected override void WriteData(ref PayloadWriter writer)
    {
    }

    internal static Busy Read(ref PayloadReader reader) => new();
}
