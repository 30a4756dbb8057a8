using System.Security.Cryptography;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// The AES-128 keys of one OSDP secure-channel session, derived from the SCBK and the panel's random number
/// (RND.A): S-ENC encrypts data and the handshake cryptograms, S-MAC1 and S-MAC2 compute the chained MACs.
/// All the standard's cryptography is here; the channels only keep state. See docs/protocol.md "Secure channel".
/// </summary>
internal sealed class SessionKeys
{
    public const int RandomLength = 8;
    public const int BlockLength = 16;

    private const byte EndOfMessage = 0x80;

    // One ECB transform per key and direction for the session's life, chained by hand: a cipher per frame (finding 18),
    // then the one-shot CBC calls' native context per MAC and payload (finding 19), were most of the driver's
    // cryptography (docs/benchmarks.md). A session is used by one channel at a time, as a transform must be.
    private readonly ICryptoTransform _encryption;
    private readonly ICryptoTransform _decryption;
    private readonly ICryptoTransform _mac1;
    private readonly ICryptoTransform _mac2;

    private SessionKeys(byte[] encryption, byte[] mac1, byte[] mac2)
    {
        using var enc = Cipher(encryption);
        using var m1 = Cipher(mac1);
        using var m2 = Cipher(mac2);
        (_encryption, _decryption, _mac1, _mac2) = (enc.CreateEncryptor(), enc.CreateDecryptor(), m1.CreateEncryptor(), m2.CreateEncryptor());
    }

    /// <summary>Each key is AES-ECB(SCBK, [0x01, kind, RND.A[0..6), 0 × 8]) with kind 0x82 (S-ENC), 0x01 (S-MAC1), 0x02 (S-MAC2).</summary>
    public static SessionKeys Derive(Scbk scbk, ReadOnlySpan<byte> panelRandom)
    {
        var random = panelRandom[..6].ToArray();
        byte[] Key(byte kind) => Ecb(scbk.Key, [0x01, kind, .. random, 0, 0, 0, 0, 0, 0, 0, 0]);
        return new SessionKeys(Key(0x82), Key(0x01), Key(0x02));
    }

    /// <summary>The device's proof (osdp_CCRYPT): AES-ECB(S-ENC, RND.A ‖ RND.B).</summary>
    public byte[] ClientCryptogram(ReadOnlySpan<byte> panelRandom, ReadOnlySpan<byte> deviceRandom) =>
        Ecb(_encryption, [.. panelRandom, .. deviceRandom]);

    /// <summary>The panel's proof (osdp_SCRYPT): AES-ECB(S-ENC, RND.B ‖ RND.A).</summary>
    public byte[] ServerCryptogram(ReadOnlySpan<byte> panelRandom, ReadOnlySpan<byte> deviceRandom) =>
        Ecb(_encryption, [.. deviceRandom, .. panelRandom]);

    /// <summary>The first R-MAC (osdp_RMAC_I), which seeds the MAC chain: AES-ECB(S-MAC2, AES-ECB(S-MAC1, server cryptogram)).</summary>
    public byte[] InitialRMac(ReadOnlySpan<byte> serverCryptogram) => Ecb(_mac2, Ecb(_mac1, serverCryptogram.ToArray()));

    /// <summary>
    /// The full 16-byte MAC of <paramref name="message"/> (SOM to the end of data), chained on <paramref name="chain"/>,
    /// the other direction's last MAC: the message padded with 0x80 then zeros unless it fills whole blocks, AES-CBC
    /// under S-MAC1 over all blocks but the last, the last block under S-MAC2. The wire carries its first 4 bytes.
    /// </summary>
    public byte[] Mac(ReadOnlySpan<byte> chain, ReadOnlySpan<byte> message)
    {
        var padded = message.Length % BlockLength == 0 ? message.ToArray() : Pad(message);
        var mac = chain.ToArray();
        for (var offset = 0; offset < padded.Length; offset += BlockLength)
        {
            Xor(mac, padded.AsSpan(offset, BlockLength));
            (offset + BlockLength < padded.Length ? _mac1 : _mac2).TransformBlock(mac, 0, BlockLength, mac, 0);
        }

        return mac;
    }

    /// <summary>AES-CBC under S-ENC, always padded (0x80 then zeros), the IV the complement of the other direction's last MAC.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> chain, ReadOnlySpan<byte> plaintext)
    {
        var blocks = Pad(plaintext);
        Span<byte> previous = Complement(chain);
        for (var offset = 0; offset < blocks.Length; offset += BlockLength)
        {
            var block = blocks.AsSpan(offset, BlockLength);
            Xor(block, previous);
            _encryption.TransformBlock(blocks, offset, BlockLength, blocks, offset);
            previous = block;
        }

        return blocks;
    }

    /// <summary>The inverse of <see cref="Encrypt"/>; null when the length or the padding is wrong.</summary>
    public byte[]? Decrypt(ReadOnlySpan<byte> chain, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.IsEmpty || ciphertext.Length % BlockLength != 0) return null;
        var cipher = ciphertext.ToArray();
        var padded = new byte[cipher.Length];
        ReadOnlySpan<byte> previous = Complement(chain);
        for (var offset = 0; offset < cipher.Length; offset += BlockLength)
        {
            _decryption.TransformBlock(cipher, offset, BlockLength, padded, offset);
            Xor(padded.AsSpan(offset, BlockLength), previous);
            previous = cipher.AsSpan(offset, BlockLength);
        }

        var end = Array.FindLastIndex(padded, b => b != 0);
        return end >= padded.Length - BlockLength && padded[end] == EndOfMessage ? padded[..end] : null;
    }

    public override string ToString() => "SessionKeys(redacted)";

    /// <summary>0x80 then zeros up to the next whole block; a full block of padding when the input fills whole blocks.</summary>
    private static byte[] Pad(ReadOnlySpan<byte> data)
    {
        var padded = new byte[(data.Length / BlockLength + 1) * BlockLength];
        data.CopyTo(padded);
        padded[data.Length] = EndOfMessage;
        return padded;
    }

    private static byte[] Complement(ReadOnlySpan<byte> chain)
    {
        var iv = chain.ToArray();
        for (var i = 0; i < iv.Length; i++) iv[i] = (byte)~iv[i];
        return iv;
    }

    private static void Xor(Span<byte> block, ReadOnlySpan<byte> with)
    {
        for (var i = 0; i < BlockLength; i++) block[i] ^= with[i];
    }

    private static byte[] Ecb(ReadOnlySpan<byte> key, byte[] block)
    {
        using var aes = Cipher(key.ToArray());
        return aes.EncryptEcb(block, PaddingMode.None);
    }

    private static byte[] Ecb(ICryptoTransform cipher, byte[] block) => cipher.TransformFinalBlock(block, 0, block.Length);

    /// <summary>AES-128 as ECB without padding: the chaining of CBC is done here, block by block (<see cref="Mac"/>, <see cref="Encrypt"/>).</summary>
    private static Aes Cipher(byte[] key)
    {
        var aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        return aes;
    }
}
