using System.Security.Cryptography;
using System.Text;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// What names a badge's credential entity in the journal: a keyed digest of the number (HMAC-SHA256 under a key derived
/// from the master secret, "fleetkeys/badge-digest"), never the number itself, since a journal row's persistence id is
/// outside any field erasure can reach. Keyed, because badge numbers are few enough to hash them all; the same on every
/// node, as the master secret is.
/// </summary>
public sealed class BadgeDigest(ReadOnlySpan<byte> masterSecret)
{
    /// <summary>Starts every digest; never in a badge number (<see cref="IdRules"/>), so a plain number's journal is told apart.</summary>
    public const char Marker = '#';

    private readonly byte[] _key = HMACSHA256.HashData(masterSecret, Encoding.UTF8.GetBytes("fleetkeys/badge-digest"));

    /// <summary>"#" and 32 hex digits (128 bits): of the canonical number, so every spelling of a badge has one entity.</summary>
    public string Of(BadgeNumber badge) =>
        Marker + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(badge.Value)).AsSpan(0, 16));

    /// <summary>Whether a credential journal's name is a digest, rather than a plain number written before digests.</summary>
    public static bool IsDigest(string entityId) => entityId.StartsWith(Marker);

    public override string ToString() => "BadgeDigest(redacted)";
}
