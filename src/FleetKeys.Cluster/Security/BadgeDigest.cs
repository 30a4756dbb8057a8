using System.Security.Cryptography;
using System.Text;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// What names a badge's credential entity in the journal: a keyed digest of the number (HMAC-SHA256 under a key derived
/// from the master secret, "fleetkeys/badge-digest"), never the number itself, since a journal row's persistence id is
/// outside any field erasure can reach. Keyed, because badge numbers are few enough to hash them all; the same on every
/// node, as the master secret is. An external id's directory entity is named the same way, by the digest of
/// "source:cardholder" (never a badge number, which has no ':').
/// </summary>
public sealed class BadgeDigest(ReadOnlySpan<byte> masterSecret)
{
    /// <summary>Starts every digest; never in a badge number (<see cref="IdRules"/>), so a plain number's journal is told apart.</summary>
    public const char Marker = '#';

    private readonly byte[] _key = HMACSHA256.HashData(masterSecret, Encoding.UTF8.GetBytes("fleetkeys/badge-digest"));

    /// <summary>"#" and 32 hex digits (128 bits): of the canonical number, so every spelling of a badge has one entity.</summary>
    public string Of(BadgeNumber badge) => Of(badge.Value);

    /// <summary>"#" and 32 hex digits, of the external id's "source:cardholder".</summary>
    public string Of(ExternalId external) => Of(external.Value);

    private string Of(string value) => Marker + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));

    /// <summary>Whether a credential or external id journal's name is a digest, rather than the plain id written before digests.</summary>
    public static bool IsDigest(string entityId) => entityId.StartsWith(Marker);

    public override string ToString() => "BadgeDigest(redacted)";
}
