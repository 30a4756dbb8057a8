using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>LSTAT: asks for <see cref="LocalStatus"/> (tamper and power).</summary>
public sealed record LocalStatusRequest : Command
{
    public override CommandCode Code => CommandCode.LocalStatus;

    private protected override void WriteData(ref PayloadWriter writer)
    {
    }

    internal static LocalStatusRequest Read(ref PayloadReader reader) => new();
}
