using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// POLL: "anything to report?" The controller answers with live input (card, keypad, key
/// selection) first, then its oldest unacknowledged events, and ACK when it has nothing.
/// </summary>
public sealed record Poll : Command
{
    public override CommandCode Code => CommandCode.Poll;

    private protected override void WriteData(ref PayloadWriter writer)
    {
    }

    internal static Poll Read(ref PayloadReader reader) => new();
}
