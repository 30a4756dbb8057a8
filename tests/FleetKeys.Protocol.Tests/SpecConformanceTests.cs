using System.Security.Cryptography;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

/// <summary>
/// Recomputes the documented handshake and frame protection from the formulas in docs/protocol.md with plain .NET
/// AES, not with the library, and checks them against the documented frames: someone implementing a device from the
/// document (or from the OSDP standard) gets the same bytes.
/// </summary>
public sealed class SpecConformanceTests
{
    private static readonly Dictionary<string, byte[]> Frames = DocumentExamples.Conversation().ToDictionary(f => f.Name, f => f.Bytes);
    private static readonly byte[] Scbk = DocumentExamples.Key;
    private static readonly byte[] RndA = DocumentExamples.PanelRandom;
    private static readonly byte[] RndB = DocumentExamples.DeviceRandom;

    [Fact]
    public void The_device_key_is_the_HMAC_of_the_address_under_the_controller_secret() =>
        Assert.Equal(HMACSHA256.HashData(DocumentExamples.Secret, (byte[])[.. "fleetkeys/scbk/"u8, DocumentExamples.Address])[..16], Scbk);

    [Fact]
    public void CCRYPT_carries_the_client_id_RND_B_and_the_client_cryptogram()
    {
        Assert.Equal([0x03, 0x12, 0x01], Frames["hs-ccrypt"][5..8]);
        Assert.Equal([.. new byte[8], .. RndB, .. Ecb(SessionKey(0x82), [.. RndA, .. RndB])], HandshakeData(Frames["hs-ccrypt"]));
    }

    [Fact]
    public void SCRYPT_carries_the_server_cryptogram_and_RMAC_I_the_initial_R_MAC()
    {
        var server = Ecb(SessionKey(0x82), [.. RndB, .. RndA]);
        Assert.Equal(server, HandshakeData(Frames["hs-scrypt"]));
        Assert.Equal([0x03, 0x14, 0x01], Frames["hs-rmac-i"][5..8]);
        Assert.Equal(Ecb(SessionKey(0x02), Ecb(SessionKey(0x01), server)), HandshakeData(Frames["hs-rmac-i"]));
    }

    [Fact]
    public void Session_frames_carry_chained_MACs_and_AES_CBC_data()
    {
        byte[] chain = HandshakeData(Frames["hs-rmac-i"]);
        string[] order = ["s1-command", "s1-reply", "s2-command", "s2-reply", "s3-command", "s3-reply", "s4-command", "s4-reply"];
        foreach (var name in order)
        {
            var frame = Frames[name];
            var hasData = frame.Length > 5 + 2 + 1 + 4 + 2;
            var command = name.EndsWith("command", StringComparison.Ordinal);
            Assert.Equal([0x02, (byte)((command ? 0x15 : 0x16) + (hasData ? 2 : 0))], frame[5..7]);
            var plain = hasData ? Decrypt(chain, frame[8..^6]) : [];
            if (name == "s3-reply") Assert.IsType<EventReport>(Reply.DecodeData(frame[7], plain).Message);
            else Assert.Equal(Expected(name), plain);
            var mac = Mac(chain, frame[..^6]);
            Assert.Equal(mac[..4], frame[^6..^2]);
            chain = mac;
        }
    }

    private static byte[] Expected(string name) => name switch
    {
        "s1-reply" => new CardRead(0, CardFormat.RawWiegand, 26, ByteString.FromHex("1F4A9C40")).EncodeData(),
        "s2-command" => new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]).EncodeData(),
        "s4-command" => new EventAck(DocumentExamples.Epoch, 42).EncodeData(),
        _ => [],
    };

    private static byte[] SessionKey(byte kind) => Ecb(Scbk, [0x01, kind, .. RndA[..6], 0, 0, 0, 0, 0, 0, 0, 0]);

    /// <summary>Blocks but the last AES-CBC under S-MAC1 from the chain, the last under S-MAC2; 0x80-padded unless whole blocks.</summary>
    private static byte[] Mac(byte[] chain, byte[] message)
    {
        var padded = message.Length % 16 == 0 ? message : [.. message, 0x80, .. new byte[15 - message.Length % 16]];
        var iv = chain;
        for (var i = 0; i < padded.Length; i += 16)
        {
            var block = padded[i..(i + 16)];
            for (var j = 0; j < 16; j++) block[j] ^= iv[j];
            iv = Ecb(SessionKey(i + 16 < padded.Length ? (byte)0x01 : (byte)0x02), block);
        }
        return iv;
    }

    private static byte[] Decrypt(byte[] chain, byte[] cipher)
    {
        using var aes = Aes.Create();
        aes.Key = SessionKey(0x82);
        var plain = aes.DecryptCbc(cipher, chain.Select(b => (byte)~b).ToArray(), PaddingMode.None);
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.Equal(0x80, plain[end]);
        return plain[..end];
    }

    /// <summary>Data of a handshake frame: after header (5), block [03 type key] (3) and code (1), before the CRC.</summary>
    private static byte[] HandshakeData(byte[] frame) => frame[9..^2];

    private static byte[] Ecb(byte[] key, byte[] block)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptEcb(block, PaddingMode.None);
    }
}
