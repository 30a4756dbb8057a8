using FleetKeys.Domain.Security;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The keys a node derives from the hardware master secret for the secrets it keeps itself, one per purpose: the PIN
/// pepper that seals PIN hashes in the journal, the key that seals webhook subscriptions' signing secrets in the read
/// database, the one that names badges' journals by a digest, and the one that wraps people's keys. Every node of a cluster has the same master secret, so each opens what another sealed.
/// </summary>
public sealed class NodeKeys(byte[] masterSecret)
{
    public SealingKey PinPepper { get; } = SealingKey.Derive(masterSecret, "pin-pepper");

    public SealingKey SubscriptionSecrets { get; } = SealingKey.Derive(masterSecret, "subscription-secrets");

    /// <summary>Wraps each person's own data key in the key store (<see cref="PersonKeys"/>).</summary>
    public SealingKey PersonKeys { get; } = SealingKey.Derive(masterSecret, "person-keys");

    /// <summary>Names badges' credential journals (<see cref="BadgeDigest"/>).</summary>
    public BadgeDigest Badges { get; } = new(masterSecret);

    public override string ToString() => "NodeKeys(redacted)";
}
