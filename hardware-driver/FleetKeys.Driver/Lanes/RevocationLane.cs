using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Driver.Lanes;

/// <summary>
/// A revoked person comes off every cabinet's offline list at once, ahead of the directory catching up, and the purge is
/// confirmed to the person once per controller, when every cabinet that was online has acknowledged it (one that was not
/// drops them with the reload it gets when it answers again).
/// </summary>
internal sealed class RevocationLane(ControllerId controller, IReadOnlyCollection<CabinetOnBus> buses, IDriverCluster cluster, TimeProvider clock)
{
    /// <summary>The revocations heard of, which no older profile from the directory may undo.</summary>
    public Revocations Known { get; } = new();

    public void Revoked(RevocationBroadcast revocation)
    {
        Known.Add(revocation);
        foreach (var bus in buses) AllowLists.Purge(bus, revocation);
        if (AllowLists.PurgedEverywhere(revocation.Person, buses)) Confirm(revocation);
    }

    /// <summary>The cabinet's list stands at <paramref name="acknowledgedVersion"/>: the purges that version completed on this controller are confirmed.</summary>
    public void Acknowledged(CabinetOnBus bus, uint acknowledgedVersion)
    {
        foreach (var revocation in AllowLists.PurgesCompleted(bus, acknowledgedVersion, buses, Known)) Confirm(revocation);
    }

    private void Confirm(RevocationBroadcast revocation) =>
        cluster.TellPeople(new ConfirmPurge(revocation.Person, revocation.Revision, controller, clock.GetUtcNow()));
}
