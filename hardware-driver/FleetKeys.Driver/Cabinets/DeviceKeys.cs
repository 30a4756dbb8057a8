using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// The keys of one device, from the controller's configuration: the generation it holds and, while a rotation waits, the
/// one it is to take. A rotation's KEYSET whose acknowledgement was lost with the connection leaves the driver unsure which
/// of the two the device holds, so while a rotation waits every handshake offers both, the new one first, and the device's
/// proof tells which it holds (docs/protocol.md "Key rotation").
/// </summary>
internal sealed class DeviceKeys(byte address, ControllerSecret secret, int generation, int? rotatingTo)
{
    public int Generation => generation;

    public int? RotatingTo => rotatingTo;

    public Scbk InForce => Scbk.Derive(secret, address, generation);

    /// <summary>What commissioning gives a device: the generation after the one in force, which no earlier device at the address held.</summary>
    public int Fresh => generation + 1;

    private Scbk? Next => rotatingTo is { } next ? Scbk.Derive(secret, address, next) : null;

    public PanelChannel NewChannel() => new(address, Next is { } next ? [next, InForce] : [InForce]);

    /// <summary>
    /// A handshake proved the device holds <paramref name="proven"/>: the new generation is recorded when the device already
    /// holds it (its KEYSET went through, the ACK did not come back); the KEYSET goes out first when it still holds the old one.
    /// Nothing while no rotation waits, or when commissioning under SCBK-D.
    /// </summary>
    public (int? Record, KeySet? Send) AfterHandshake(Scbk proven)
    {
        if (Next is not { } next || proven.IsDefault) return (null, null);
        return proven.Equals(next) ? (rotatingTo, null) : (null, new KeySet(next));
    }

    /// <summary>The generation a device took when it acknowledged <paramref name="keySet"/>, if that is the rotation's key.</summary>
    public int? Acknowledged(KeySet keySet) => Next is { } next && keySet.Key.Equals(next) ? rotatingTo : null;
}
