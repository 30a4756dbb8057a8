using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Driver;

/// <summary>
/// Revocations this driver has heard of by broadcast. The directory may still hold an older, active profile for a
/// while; such a profile must not put the person back into any allow-list.
/// </summary>
internal sealed class Revocations
{
    private readonly Dictionary<PersonId, RevocationBroadcast> _known = [];

    public IEnumerable<RevocationBroadcast> All => _known.Values;

    /// <returns>False for a revocation already known (a re-broadcast).</returns>
    public bool Add(RevocationBroadcast revocation)
    {
        if (_known.TryGetValue(revocation.Person, out var known) && known.Revision >= revocation.Revision) return false;
        _known[revocation.Person] = revocation;
        return true;
    }

    public RevocationBroadcast? Of(PersonId person) => _known.GetValueOrDefault(person);

    public bool Outdates(AccessProfile profile) =>
        _known.TryGetValue(profile.Person, out var revocation) && profile.Version < revocation.ProfileVersion;
}
