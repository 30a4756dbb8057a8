using System.Buffers.Binary;
using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// The keys of one secure session: HMAC-SHA256 (truncated to 8 bytes) authenticates every frame,
/// AES-256-CTR hides its data. Data is encrypted because it carries PIN digits and PIN verifiers.
/// </summary>
internal sealed class SessionKeys(byte[] macKey, byte[] encryptionKey)
{
    public const int ConfirmationLength = 16;

    public void Sign(ReadOnlySpan<byte> covered, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(macKey, covered, full);
        full[..mac.Length].CopyTo(mac);
    }

    public bool Verifies(ReadOnlySpan<byte> covered, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[Packet.MacLength];
        Sign(covered, expected);
        return mac.Length == Packet.MacLength && CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <summary>
    /// CTR mode, so encrypting and decrypting are the same operation. The counter block binds the
    /// direction (block type), the bus address and the frame counter, which never repeat under one key.
    /// </summary>
    public byte[] Transform(SecurityBlockType direction, byte busAddress, uint frameCounter, ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return [];
        var counterBlocks = new byte[(input.Length + 15) / 16 * 16];
        for (var i = 0; i < counterBlocks.Length / 16; i++)
        {
            var block = counterBlocks.AsSpan(i * 16, 16);
            block[0] = (byte)direction;
            block[1] = busAddress;
            BinaryPrimitives.WriteUInt32LittleEndian(block[2..6], frameCounter);
            BinaryPrimitives.WriteUInt32BigEndian(block[12..16], (uint)i);
        }
        using var aes = Aes.Create();
        aes.Key = encryptionKey;
        var output = aes.EncryptEcb(counterBlocks, PaddingMode.None);
        for (var i = 0; i < input.Length; i++) output[i] ^= input[i];
        return output[..input.Length];
    }

    /// <summary>Proves to the panel that the controller accepted its proof and holds the same keys.</summary>
    public byte[] Confirmation(ReadOnlySpan<byte> panelProof)
    {
        byte[] message = [.. HandshakeCrypto.Label("FleetKeys confirm v1"), .. panelProof];
        return HMACSHA256.HashData(macKey, message)[..ConfirmationLength];
    }

    public override string ToString() => "SessionKeys(redacted)";
}
