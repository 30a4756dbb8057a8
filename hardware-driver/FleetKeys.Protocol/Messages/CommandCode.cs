namespace FleetKeys.Protocol.Messages;

/// <summary>Command codes (driver to controller), OSDP's numbers.</summary>
public enum CommandCode : byte
{
    Poll = 0x60,
    Id = 0x61,
    Capabilities = 0x62,
    LocalStatus = 0x64,
    InputStatus = 0x65,
    Output = 0x68,
    Led = 0x69,
    Buzzer = 0x6A,
    Text = 0x6B,

    /// <summary>osdp_COMSET: the device's new bus address and baud rate.</summary>
    CommunicationSet = 0x6E,

    /// <summary>osdp_KEYSET: the device's new secure-channel key.</summary>
    KeySet = 0x75,

    /// <summary>osdp_CHLNG: opens the handshake.</summary>
    Challenge = 0x76,

    /// <summary>osdp_SCRYPT: the panel's server cryptogram.</summary>
    ServerCryptogram = 0x77,

    /// <summary>osdp_MFG: FleetKeys messages, see <see cref="ManufacturerCommandCode"/>.</summary>
    Manufacturer = 0x80,
}
