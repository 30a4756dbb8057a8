using System.Text;
using FleetKeys.Cluster.Security;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// A webhook subscription's signing secret as the read database keeps it: sealed (AES-256-GCM) under a key derived from
/// the master secret and bound to the subscription's id, so the file, its WAL or a copy of either does not give the secret
/// away; only a node opens it, to sign. A secret stored in clear by an older version is read as it is, and sealed at start.
/// </summary>
public sealed class SubscriptionSecrets(NodeKeys keys)
{
    private const string Sealed = "sealed:";

    public string Seal(string subscriptionId, string secret) =>
        Sealed + Convert.ToBase64String(keys.SubscriptionSecrets.Seal(Encoding.UTF8.GetBytes(secret), subscriptionId));

    public static bool IsSealed(string stored) => stored.StartsWith(Sealed, StringComparison.Ordinal);

    /// <summary>The secret to sign with; a seal that does not open (another master secret, an altered row) fails the attempt.</summary>
    public string Open(SubscriptionRow subscription)
    {
        var stored = subscription.Secret ?? throw new NotificationFailed("the subscription has no signing secret");
        if (!IsSealed(stored)) return stored;
        var box = new byte[stored.Length];
        return Convert.TryFromBase64String(stored[Sealed.Length..], box, out var length)
               && keys.SubscriptionSecrets.TryOpen(box.AsSpan(0, length), subscription.SubscriptionId, out var secret)
            ? Encoding.UTF8.GetString(secret)
            : throw new NotificationFailed("the subscription's signing secret does not open with this node's master secret");
    }
}
