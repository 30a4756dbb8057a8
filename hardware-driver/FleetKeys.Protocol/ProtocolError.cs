namespace FleetKeys.Protocol;

/// <summary>
/// Every way a frame or message can be refused. Decoding never throws: each failure surfaces as one of
/// these so the caller can NAK it (see <see cref="Messages.NakCode"/>) and count it.
/// </summary>
public enum ProtocolError : byte
{
    None = 0,

    /// <summary>Bytes that could not start a packet were skipped while looking for a start-of-message.</summary>
    Noise,

    /// <summary>The input ended (or the reader was reset) in the middle of a packet.</summary>
    Truncated,

    /// <summary>The length field is below the minimum packet or disagrees with the bytes given.</summary>
    BadLength,

    /// <summary>The length field is above <see cref="Framing.Packet.MaxLength"/>.</summary>
    Oversize,

    BadCrc,

    /// <summary>The structure is wrong: reserved control bits, a security block that overruns, data that does not decode for its code.</summary>
    Malformed,

    UnknownCode,
    UnsupportedSecurityBlock,

    /// <summary>The packet is for another bus address, or travels in the wrong direction.</summary>
    WrongAddress,

    /// <summary>A command arrived that needs a secure session, and there is none.</summary>
    NoSession,

    /// <summary>The MAC does not verify, or a frame that must carry one does not.</summary>
    BadMac,

    /// <summary>An authentic frame whose frame counter is not above the last one accepted.</summary>
    Replay,

    BadSequence,
    HandshakeFailed,

    /// <summary>
    /// The device answered a challenge for its own key with the default key SCBK-D: it was never commissioned, or
    /// was reset. Not trusted: no session (docs/protocol.md "Keys").
    /// </summary>
    DefaultKeyOffered,

    /// <summary>A reply arrived while no command was outstanding.</summary>
    UnexpectedReply,
}
