using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// The computations of the connect handshake. Each proof is an HMAC of both nonces under the
/// controller secret; the labels differ per role so one side's proof can never be reflected back
/// as the other's, and the bus address is bound in so a session cannot be moved to another cabinet.
/// </summary>
internal static class HandshakeCrypto
{
    public const int NonceLength = 16;
    public const int ProofLength = 32;

    public static byte[] ControllerProof(ControllerSecret secret, byte busAddress, ReadOnlySpan<byte> panelNonce,
        ReadOnlySpan<byte> controllerNonce) =>
        Proof(secret, "FleetKeys PD proof v1", busAddress, panelNonce, controllerNonce);

    public static byte[] PanelProof(ControllerSecret secret, byte busAddress, ReadOnlySpan<byte> panelNonce,
        ReadOnlySpan<byte> controllerNonce) =>
        Proof(secret, "FleetKeys CP proof v1", busAddress, panelNonce, controllerNonce);

    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        expected.Length == actual.Length && CryptographicOperations.FixedTimeEquals(expected, actual);

    /// <summary>HKDF-SHA256: 32 bytes of MAC key, then 32 bytes of AES key.</summary>
    public static SessionKeys DeriveKeys(ControllerSecret secret, byte busAddress, ReadOnlySpan<byte> panelNonce,
        ReadOnlySpan<byte> controllerNonce)
    {
        Span<byte> keys = stackalloc byte[64];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.Key, keys,
            salt: [.. panelNonce, .. controllerNonce],
            info: [.. Label("FleetKeys session v1"), busAddress]);
        return new SessionKeys(keys[..32].ToArray(), keys[32..].ToArray());
    }

    public static byte[] Label(string label) => Encoding.ASCII.GetBytes(label);

    private static byte[] Proof(ControllerSecret secret, string label, byte busAddress, ReadOnlySpan<byte> panelNonce,
        ReadOnlySpan<byte> controllerNonce) =>
        HMACSHA256.HashData(secret.Key, [.. Label(label), busAddress, .. panelNonce, .. controllerNonce]);
}
