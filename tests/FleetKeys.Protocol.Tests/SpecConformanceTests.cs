using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

/// <summary>
/// Recomputes the documented handshake and frame protection from the formulas in
/// docs/protocol.md with plain .NET crypto, not with the library, and checks them against the
/// documented frames: someone implementing a controller from the document gets the same bytes.
/// </summary>
public sealed class SpecConformanceTests
{
    private static readonly Dictionary<string, byte[]> Frames = DocumentExamples.Conversation().ToDictionary(f => f.Name, f => f.Bytes);
    private static readonly byte[] Secret = DocumentExamples.Secret;
    private static readonly byte[] Np = DocumentExamples.PanelNonce;
    private static readonly byte[] Nc = DocumentExamples.ControllerNonce;

    [Fact]
    public void The_controller_proof_is_HMAC_of_label_address_and_both_nonces()
    {
        var data = Data(Frames["hs-ccrypt"]);
        Assert.Equal(Nc, data[..16]);
        Assert.Equal(Hmac(Secret, [.. "FleetKeys PD proof v1"u8, DocumentExamples.Address, .. Np, .. Nc]), data[16..]);
    }

    [Fact]
    public void The_panel_proof_is_HMAC_of_its_own_label()
    {
        Assert.Equal(Hmac(Secret, [.. "FleetKeys CP proof v1"u8, DocumentExamples.Address, .. Np, .. Nc]), Data(Frames["hs-scrypt"]));
    }

    [Fact]
    public void The_confirmation_is_HMAC_of_the_panel_proof_under_the_MAC_key()
    {
        var (macKey, _) = SessionKeys();
        Assert.Equal(Hmac(macKey, [.. "FleetKeys confirm v1"u8, .. Data(Frames["hs-scrypt"])])[..16], Data(Frames["hs-rmac-i"]));
    }

    [Theory]
    [InlineData("s1-command", 0x17, 1u)]
    [InlineData("s1-reply", 0x18, 1u)]
    [InlineData("s2-command", 0x17, 2u)]
    [InlineData("s4-reply", 0x18, 4u)]
    public void Session_frames_carry_counter_MAC_and_AES_CTR_data(string name, byte blockType, uint counter)
    {
        var (macKey, encryptionKey) = SessionKeys();
        var frame = Frames[name];
        Assert.Equal([0x06, blockType], frame[5..7]);
        Assert.Equal(counter, BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(7, 4)));
        Assert.Equal(Hmac(macKey, frame[..^10])[..8], frame[^10..^2]);

        var cipher = frame[12..^10];
        var plain = Ctr(encryptionKey, blockType, counter, cipher);
        var expected = name switch
        {
            "s1-command" => new Poll().EncodeData(),
            "s1-reply" => new CardRead(0, CardFormat.RawWiegand, 26, ByteString.FromHex("1F4A9C40")).EncodeData(),
            "s2-command" => new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]).EncodeData(),
            _ => new Ack().EncodeData(),
        };
        Assert.Equal(expected, plain);
    }

    private static (byte[] MacKey, byte[] EncryptionKey) SessionKeys()
    {
        var keys = HKDF.DeriveKey(HashAlgorithmName.SHA256, Secret, 64, [.. Np, .. Nc],
            [.. Encoding.ASCII.GetBytes("FleetKeys session v1"), DocumentExamples.Address]);
        return (keys[..32], keys[32..]);
    }

    private static byte[] Ctr(byte[] key, byte blockType, uint counter, byte[] input)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var output = new byte[input.Length];
        for (var block = 0; block * 16 < input.Length; block++)
        {
            var counterBlock = new byte[16];
            counterBlock[0] = blockType;
            counterBlock[1] = DocumentExamples.Address;
            BinaryPrimitives.WriteUInt32LittleEndian(counterBlock.AsSpan(2), counter);
            BinaryPrimitives.WriteUInt32BigEndian(counterBlock.AsSpan(12), (uint)block);
            var stream = aes.EncryptEcb(counterBlock, PaddingMode.None);
            for (var i = block * 16; i < Math.Min(input.Length, block * 16 + 16); i++) output[i] = (byte)(input[i] ^ stream[i - block * 16]);
        }
        return output;
    }

    /// <summary>Data of a handshake frame: after header (5), block [02 type] (2) and code (1), before the CRC.</summary>
    private static byte[] Data(byte[] frame) => frame[8..^2];

    private static byte[] Hmac(byte[] key, byte[] message) => HMACSHA256.HashData(key, message);
}
