using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// What a controller needs to check a PIN offline: a PBKDF2-HMAC-SHA256 hash of the UTF-8 PIN with its salt and
/// iteration count. The cluster keeps the same hash sealed under a pepper the controller never holds, and opens it to
/// push it, so it never needs the PIN again (docs/protocol.md). A PIN is a short secret: its verifier never appears in ToString.
/// </summary>
public sealed record PinVerifier(int Iterations, ByteString Salt, ByteString Hash)
{
    public const int SaltLength = 16;
    public const int HashLength = 32;

    /// <summary>As the cluster's rule: more is a corrupt record, and would stall a controller's access decision.</summary>
    public const int MaxIterations = 10_000_000;

    private const byte NoPin = 0;
    private const byte Pbkdf2Sha256 = 1;

    public static PinVerifier Create(string pin, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new PinVerifier(iterations, salt, Derive(pin, salt, iterations));
    }

    public bool Matches(string pin) =>
        CryptographicOperations.FixedTimeEquals(Derive(pin, Salt.Span, Iterations), Hash.Span);

    public override string ToString() => $"PinVerifier(pbkdf2-sha256, {Iterations} iterations, redacted)";

    /// <summary>[algorithm: 0 none, 1 PBKDF2-HMAC-SHA256] then, for 1: iterations u32, salt 16, hash 32.</summary>
    internal static void Write(ref PayloadWriter writer, PinVerifier? verifier)
    {
        if (verifier is null)
        {
            writer.U8(NoPin);
            return;
        }
        if (verifier.Iterations is < 1 or > MaxIterations)
            throw new ArgumentException($"a PIN verifier has 1-{MaxIterations} iterations");
        writer.U8(Pbkdf2Sha256);
        writer.U32((uint)verifier.Iterations);
        writer.Fixed(verifier.Salt, SaltLength, "PIN salt");
        writer.Fixed(verifier.Hash, HashLength, "PIN hash");
    }

    internal static PinVerifier? Read(ref PayloadReader reader)
    {
        var algorithm = reader.U8();
        reader.Require(algorithm is NoPin or Pbkdf2Sha256);
        if (algorithm != Pbkdf2Sha256) return null;
        var iterations = reader.U32();
        reader.Require(iterations is >= 1 and <= MaxIterations);
        return new PinVerifier((int)iterations, reader.Fixed(SaltLength), reader.Fixed(HashLength));
    }

    private static byte[] Derive(string pin, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashLength);
}
