using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// osdp_KEYSET: the device's new SCBK, for its next handshake. Data: key type 0x01 (SCBK), key length 16, the key.
/// Sent only inside a secure session, so only a panel that holds the device's present key (SCBK-D while commissioning)
/// can set one. The key never prints.
/// </summary>
public sealed record KeySet(Scbk Key) : Command
{
    private const byte ScbkType = 0x01;

    public override CommandCode Code => CommandCode.KeySet;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.U8(ScbkType);
        writer.U8(Scbk.Length);
        writer.Bytes(Key.ToArray());
    }

    internal static KeySet Read(ref PayloadReader reader)
    {
        reader.Require(reader.U8() == ScbkType);
        reader.Require(reader.U8() == Scbk.Length);
        var key = reader.Take(Scbk.Length);
        return new KeySet(key.Length == Scbk.Length ? new Scbk(key) : Scbk.Default);
    }
}
