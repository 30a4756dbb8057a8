using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>A message from the driver (OSDP control panel) to a controller (OSDP peripheral).</summary>
public abstract record Command : Message
{
    private protected Command()
    {
    }

    public abstract CommandCode Code { get; }

    internal sealed override byte WireCode => (byte)Code;

    /// <summary>Decodes the data of a command packet. Never throws.</summary>
    public static DecodeResult<Command> DecodeData(byte code, ReadOnlySpan<byte> data) => Decode<Command>(code, data, Read);

    private static Command? Read(byte code, ref PayloadReader reader) => (CommandCode)code switch
    {
        CommandCode.Poll => Poll.Read(ref reader),
        CommandCode.Id => IdRequest.Read(ref reader),
        CommandCode.Capabilities => CapabilitiesRequest.Read(ref reader),
        CommandCode.LocalStatus => LocalStatusRequest.Read(ref reader),
        CommandCode.InputStatus => InputStatusRequest.Read(ref reader),
        CommandCode.Output => OutputControl.Read(ref reader),
        CommandCode.Led => LedControl.Read(ref reader),
        CommandCode.Buzzer => BuzzerControl.Read(ref reader),
        CommandCode.Text => TextOutput.Read(ref reader),
        CommandCode.CommunicationSet => CommunicationSet.Read(ref reader),
        CommandCode.KeySet => KeySet.Read(ref reader),
        CommandCode.Challenge => Challenge.Read(ref reader),
        CommandCode.ServerCryptogram => ServerCryptogram.Read(ref reader),
        CommandCode.Manufacturer => ManufacturerCommand.ReadAny(ref reader),
        _ => Unknown<Command>(ref reader),
    };
}
