namespace FleetKeys.Protocol.Framing;

/// <summary>
/// What the framing layer made of some bytes: a packet, or an error with how many bytes were
/// dropped. On errors the address and sequence are passed on as hints when the header got that
/// far, so a controller can NAK the sender (they are unverified: the packet was not).
/// </summary>
public readonly record struct FrameResult(Packet? Packet, ProtocolError Error, int Discarded,
    byte? AddressHint = null, byte? SequenceHint = null)
{
    internal static FrameResult Success(Packet packet) => new(packet, ProtocolError.None, 0);

    internal static FrameResult Failure(ProtocolError error, int discarded, ReadOnlySpan<byte> bytes) =>
        new(null, error, discarded,
            error != ProtocolError.Noise && bytes.Length > 1 ? bytes[1] : null,
            error != ProtocolError.Noise && bytes.Length > 4 ? (byte)(bytes[4] & 0x03) : null);
}
