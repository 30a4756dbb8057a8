using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Domain.Security;

/// <summary>
/// PINs are stored only as salted PBKDF2-SHA256 hashes in the form "pbkdf2-sha256$iterations$salt$hash".
/// The iteration count travels with the hash so it can be raised without invalidating existing PINs.
/// It is kept moderate because a PIN check sits on the access-decision path (p99 25 ms target);
/// the short PIN space is defended by failed-attempt lockout, not by the hash alone.
/// </summary>
public static class PinHash
{
    public const int DefaultIterations = 20_000;

    /// <summary>A stored count above this is corrupt, not cautious: it would stall the access decision.</summary>
    private const int MaxIterations = 10_000_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static bool IsAcceptablePin(string? pin) =>
        pin is { Length: >= 4 and <= 12 } && pin.All(char.IsAsciiDigit);

    public static string Create(string pin, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(pin, salt, iterations);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string? pin, string? stored)
    {
        if (pin is null || stored is null) return false;
        // A corrupt record must deny, never throw: the check runs inside the person's entity.
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
            return false;
        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength)
            || !Convert.TryFromBase64String(parts[3], expected, out var hashLength)
            || saltLength == 0 || hashLength == 0)
            return false;
        var actual = Derive(pin, salt[..saltLength], iterations);
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, hashLength), actual);
    }

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
