namespace FleetKeys.Protocol.Framing;

/// <summary>
/// Security block types, numbered as OSDP's SCS_11..SCS_18 so the frames look familiar. FleetKeys
/// keeps OSDP's message flow and numbering but not its AES-128 cryptograms: see docs/protocol.md.
/// </summary>
public enum SecurityBlockType : byte
{
    /// <summary>On CHLNG: the panel's nonce follows in the data.</summary>
    Challenge = 0x11,

    /// <summary>On CCRYPT: the controller's nonce and proof.</summary>
    ChallengeResponse = 0x12,

    /// <summary>On SCRYPT: the panel's proof.</summary>
    PanelProof = 0x13,

    /// <summary>On RMAC_I: the controller's key confirmation; the session is up.</summary>
    SessionConfirmation = 0x14,

    /// <summary>A command in the session: frame counter in the block, data encrypted, MAC before the CRC.</summary>
    SecureCommand = 0x17,

    /// <summary>A reply in the session, laid out as <see cref="SecureCommand"/>.</summary>
    SecureReply = 0x18,
}
