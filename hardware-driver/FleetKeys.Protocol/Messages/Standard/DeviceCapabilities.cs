using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>PDCAP: OSDP's 3-byte capability records.</summary>
public sealed record DeviceCapabilities(ValueList<Capability> Capabilities) : Reply
{
    private const int RecordLength = 3;

    public override ReplyCode Code => ReplyCode.Capabilities;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        foreach (var capability in Capabilities)
        {
            writer.U8((byte)capability.Function);
            writer.U8(capability.Compliance);
            writer.U8(capability.Items);
        }
    }

    internal static DeviceCapabilities Read(ref PayloadReader reader)
    {
        reader.Require(reader.Remaining % RecordLength == 0);
        var capabilities = new List<Capability>();
        while (reader.Remaining > 0)
            capabilities.Add(new Capability((CapabilityFunction)reader.U8(), reader.U8(), reader.U8()));
        return new DeviceCapabilities(new ValueList<Capability>(capabilities));
    }
}

/// <summary>
/// One capability. FleetKeys controllers report at least: <see cref="CapabilityFunction.OutputControl"/>
/// with Items = slots + 1 (the door), <see cref="CapabilityFunction.ReceiveBufferSize"/> with
/// Compliance/Items = the buffer size LSB/MSB. Function codes this build does not name are kept as numbers.
/// </summary>
public readonly record struct Capability(CapabilityFunction Function, byte Compliance, byte Items);

/// <summary>OSDP capability function codes.</summary>
public enum CapabilityFunction : byte
{
    ContactStatusMonitoring = 1,
    OutputControl = 2,
    CardDataFormat = 3,
    ReaderLedControl = 4,
    ReaderAudibleOutput = 5,
    ReaderTextOutput = 6,
    TimeKeeping = 7,
    CheckCharacterSupport = 8,
    CommunicationSecurity = 9,
    ReceiveBufferSize = 10,
    LargestCombinedMessageSize = 11,
    SmartCardSupport = 12,
    Readers = 13,
    Biometrics = 14,
}
