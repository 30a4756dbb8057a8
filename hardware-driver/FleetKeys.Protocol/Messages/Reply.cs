using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>A message from a controller (OSDP peripheral) to the driver (OSDP control panel).</summary>
public abstract record Reply : Message
{
    private protected Reply()
    {
    }

    public abstract ReplyCode Code { get; }

    internal sealed override byte WireCode => (byte)Code;

    /// <summary>Decodes the data of a reply packet. Never throws.</summary>
    public static DecodeResult<Reply> DecodeData(byte code, ReadOnlySpan<byte> data) => Decode<Reply>(code, data, Read);

    private static Reply? Read(byte code, ref PayloadReader reader) => (ReplyCode)code switch
    {
        ReplyCode.Ack => Ack.Read(ref reader),
        ReplyCode.Nak => Nak.Read(ref reader),
        ReplyCode.DeviceId => DeviceIdentification.Read(ref reader),
        ReplyCode.Capabilities => DeviceCapabilities.Read(ref reader),
        ReplyCode.LocalStatus => LocalStatus.Read(ref reader),
        ReplyCode.InputStatus => InputStatus.Read(ref reader),
        ReplyCode.CardData => CardRead.Read(ref reader),
        ReplyCode.Keypad => KeypadInput.Read(ref reader),
        ReplyCode.CommunicationSettings => CommunicationSettings.Read(ref reader),
        ReplyCode.ChallengeResponse => ChallengeResponse.Read(ref reader),
        ReplyCode.InitialRMac => InitialRMac.Read(ref reader),
        ReplyCode.Busy => Busy.Read(ref reader),
        ReplyCode.Manufacturer => ManufacturerReply.ReadAny(ref reader),
        _ => Unknown<Reply>(ref reader),
    };
}
