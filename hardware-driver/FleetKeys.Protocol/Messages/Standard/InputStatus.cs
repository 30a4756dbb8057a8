using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// ISTATR: one byte per input (0 inactive, 1 active). FleetKeys input 0 is the door contact
/// (active = open), input 1 the cabinet tamper switch.
/// </summary>
public sealed record InputStatus(ValueList<bool> Inputs) : Reply
{
    public override ReplyCode Code => ReplyCode.InputStatus;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        foreach (var input in Inputs) writer.Bool(input);
    }

    internal static InputStatus Read(ref PayloadReader reader)
    {
        var inputs = new List<bool>();
        while (reader.Remaining > 0) inputs.Add(reader.Bool());
        return new InputStatus(new ValueList<bool>(inputs));
    }
}
