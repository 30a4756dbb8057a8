using System.Security.Cryptography;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver;

/// <summary>
/// What a cabinet's allow-list holds of one person: the badges (to remove one the person no longer has) and a digest of the
/// entries as sent (to tell a profile change that alters nothing here), not the entries themselves, which would cost
/// cabinets × people × entries.
/// </summary>
internal sealed record PushedEntries(long Version, UInt128 Fingerprint, ByteString[] Badges)
{
    public static PushedEntries Of(long version, IReadOnlyList<AllowListEntry> entries)
    {
        // The entries' own wire form: a change to anything a controller would decide with changes the digest.
        var digest = SHA256.HashData(new AllowListUpsert(0, [.. entries]).EncodeData());
        return new PushedEntries(version, new UInt128(BitConverter.ToUInt64(digest, 0), BitConverter.ToUInt64(digest, 8)),
            [.. entries.Select(e => e.Badge)]);
    }
}
