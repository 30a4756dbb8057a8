namespace FleetKeys.Protocol.Messages;

/// <summary>Reply codes (controller to driver), OSDP's numbers.</summary>
public enum ReplyCode : byte
{
    Ack = 0x40,
    Nak = 0x41,
    DeviceId = 0x45,
    Capabilities = 0x46,
    LocalStatus = 0x48,
    InputStatus = 0x49,
    CardData = 0x50,
    Keypad = 0x53,

    /// <summary>osdp_COM: the bus address and baud rate the device uses from now on.</summary>
    CommunicationSettings = 0x54,

    /// <summary>osdp_CCRYPT: the device's client id, random number and client cryptogram.</summary>
    ChallengeResponse = 0x76,

    /// <summary>osdp_RMAC_I: the device's initial R-MAC.</summary>
    InitialRMac = 0x78,

    Busy = 0x79,

    /// <summary>osdp_MFGREP: FleetKeys messages, see <see cref="ManufacturerReplyCode"/>.</summary>
    Manufacturer = 0x90,
}
