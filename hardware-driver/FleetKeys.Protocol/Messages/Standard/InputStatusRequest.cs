using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>ISTAT: asks for <see cref="InputStatus"/>.</summary>
public sealed record InputStatusRequest : Command
{
    public override CommandCode Code => CommandCode.InputStatus;

    private protected override void WriteData(ref PayloadWriter writer)
    {
    }

    internal static InputStatusRequest Read(ref PayloadReader reader) => new();
}
