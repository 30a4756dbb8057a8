namespace FleetKeys.Protocol.Framing;

/// <summary>The security block types of OSDP's Secure Channel, SCS_11..SCS_18 (docs/protocol.md "Secure channel").</summary>
public enum SecurityBlockType : byte
{
    /// <summary>On osdp_CHLNG: one byte, the key in use (0 SCBK-D, 1 SCBK); RND.A in the data.</summary>
    Challenge = 0x11,

    /// <summary>On osdp_CCRYPT: the key indicator; cUID, RND.B and the client cryptogram in the data.</summary>
    ChallengeResponse = 0x12,

    /// <summary>On osdp_SCRYPT: the key indicator; the server cryptogram in the data.</summary>
    ServerCryptogram = 0x13,

    /// <summary>On osdp_RMAC_I: 0x01 (cryptogram accepted); the initial R-MAC in the data. The session is up.</summary>
    InitialRMac = 0x14,

    /// <summary>A command in the session without data: no block data, MAC before the CRC.</summary>
    MacCommand = 0x15,

    /// <summary>A reply in the session without data, laid out as <see cref="MacCommand"/>.</summary>
    MacReply = 0x16,

    /// <summary>A command in the session with data: data AES-CBC encrypted, MAC before the CRC.</summary>
    SecureCommand = 0x17,

    /// <summary>A reply in the session with data, laid out as <see cref="SecureCommand"/>.</summary>
    SecureReply = 0x18,
}
