using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Domain.Security;

/// <summary>
/// PINs are stored only as salted PBKDF2-SHA256 hashes, and the hash itself sealed under the PIN pepper — a key derived from
/// the hardware master secret that never reaches the database — so a stolen journal or backup alone offers nothing to try
/// a four-digit PIN space against. Two stored forms, told apart by their scheme:
/// <list type="bullet">
/// <item>"pbkdf2-sha256-sealed$iterations$salt$box" (format 2, written): box = AES-256-GCM of the 32-byte hash, bound to
/// the scheme, count and salt before it;</item>
/// <item>"pbkdf2-sha256$iterations$salt$hash" (format 1, read only): verified as before; a PIN set again is stored in
/// format 2, so format 1 records upgrade on their next change.</item>
/// </list>
/// The iteration count travels with the hash, so it can be raised without invalidating existing PINs. It stays moderate
/// because a PIN check sits on the access-decision path (p99 25 ms target) and a controller repeats it offline; against
/// the database alone the pepper is the defence, against guessing at a cabinet the failed-attempt lockout.
/// </summary>
public static class PinHash
{
    public const int DefaultIterations = 50_000;

    /// <summary>A stored count above this is corrupt, not cautious: it would stall the access decision.</summary>
    private const int MaxIterations = 10_000_000;
    private const string Plain = "pbkdf2-sha256";
    private const string Sealed = "pbkdf2-sha256-sealed";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static bool IsAcceptablePin(string? pin) =>
        pin is { Length: >= 4 and <= 12 } && pin.All(char.IsAsciiDigit);

    public static string Create(string pin, SealingKey pepper, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var head = string.Join('$', Sealed, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt));
        return head + "$" + Convert.ToBase64String(pepper.Seal(Derive(pin, salt, iterations), head));
    }

    /// <summary>A format 2 hash needs the pepper it was sealed under; without it, or with another, nothing verifies.</summary>
    public static bool Verify(string? pin, string? stored, SealingKey? pepper) =>
        pin is not null && TryOpen(stored, pepper, out var parts)
        && CryptographicOperations.FixedTimeEquals(Derive(pin, parts.Salt, parts.Iterations), parts.Hash);

    /// <summary>
    /// The count, salt and hash a controller checks a PIN against offline (docs/protocol.md): the controller cannot hold the
    /// pepper, so the driver opens the seal and sends the plain PBKDF2 verifier over the secure channel.
    /// A corrupt record is false, never an exception: it is read inside the person's entity and the driver.
    /// </summary>
    public static bool TryOpen(string? stored, SealingKey? pepper, [NotNullWhen(true)] out PinHashParts? parts)
    {
        parts = null;
        var fields = stored?.Split('$');
        if (fields is not { Length: 4 } || fields[0] is not (Plain or Sealed)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations
            || Base64(fields[2]) is not { Length: SaltBytes } salt)
            return false;
        var hash = fields[0] == Plain ? Base64(fields[3]) : Opened(fields, pepper);
        if (hash is not { Length: HashBytes }) return false;
        parts = new PinHashParts(iterations, salt, hash);
        return true;
    }

    private static byte[]? Opened(string[] fields, SealingKey? pepper) =>
        pepper is not null && Base64(fields[3]) is { } box && pepper.TryOpen(box, string.Join('$', fields[..3]), out var hash) ? hash : null;

    private static byte[]? Base64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? bytes[..length] : null;
    }

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}

/// <summary>A PIN's PBKDF2 verifier, opened from its stored form. Never shown: it is what a PIN can be guessed against.</summary>
public sealed record PinHashParts(int Iterations, byte[] Salt, byte[] Hash)
{
    public override string ToString() => $"PinHashParts({Iterations} iterations, redacted)";
}
