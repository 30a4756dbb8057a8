using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Domain.Security;

/// <summary>
/// A key for one purpose, derived from the hardware master secret (HMAC-SHA256 of "fleetkeys/{purpose}", as controller
/// secrets are), that seals small secrets the node keeps with AES-256-GCM. A sealed value is bound to its context (what it
/// belongs to), so it opens only where it was put; each purpose has its own key, so one purpose's key opens nothing else.
/// </summary>
public sealed class SealingKey
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    private SealingKey(byte[] key) => _key = key;

    public static SealingKey Derive(ReadOnlySpan<byte> masterSecret, string purpose) =>
        new(HMACSHA256.HashData(masterSecret, Encoding.UTF8.GetBytes($"fleetkeys/{purpose}")));

    /// <returns>nonce (12 bytes), ciphertext, tag (16 bytes); a fresh random nonce each time.</returns>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var box = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = box.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, box.AsSpan(NonceBytes, plaintext.Length), box.AsSpan(NonceBytes + plaintext.Length),
            Encoding.UTF8.GetBytes(context));
        return box;
    }

    /// <summary>False for a value sealed under another key or context, or altered: never an exception.</summary>
    public bool TryOpen(ReadOnlySpan<byte> box, string context, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        if (box.Length < NonceBytes + TagBytes) return false;
        var length = box.Length - NonceBytes - TagBytes;
        var opened = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(box[..NonceBytes], box.Slice(NonceBytes, length), box[(NonceBytes + length)..], opened, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plaintext = opened;
        return true;
    }

    public override string ToString() => "SealingKey(redacted)";
}
