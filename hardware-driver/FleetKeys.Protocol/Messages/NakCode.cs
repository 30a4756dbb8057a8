namespace FleetKeys.Protocol.Messages;

/// <summary>The error byte of a NAK, OSDP's numbers (0x07/0x08 concern biometrics and are not used).</summary>
public enum NakCode : byte
{
    None = 0x00,

    /// <summary>The packet failed its CRC or framing: the panel should resend it unchanged.</summary>
    BadCrc = 0x01,

    /// <summary>The data does not fit the command code (OSDP "command length error").</summary>
    CommandLength = 0x02,

    UnknownCommand = 0x03,

    /// <summary>Not the expected sequence number: the panel should start over with a handshake.</summary>
    BadSequence = 0x04,

    UnsupportedSecurityBlock = 0x05,

    /// <summary>No session, a bad MAC or a replayed frame counter: the panel should start a new handshake.</summary>
    SecurityConditionsNotMet = 0x06,

    /// <summary>Understood but cannot be done, e.g. an output or slot the cabinet does not have.</summary>
    UnableToProcess = 0x09,
}
