using Akka.Event;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Lanes;

/// <summary>
/// Keeps each cabinet's offline allow-list and slot lists in step with the access directory and the cabinet's layout
/// (<see cref="AllowLists"/>): after a handshake the controller's status says whether its list goes on or is replaced whole,
/// an acknowledged version that is not the one sent starts the list over, and every directory step sends only what it changes.
/// </summary>
internal sealed class AllowListLane(IReadOnlyCollection<CabinetOnBus> buses, RevocationLane revocations, IDriverCluster cluster,
    SealingKey pinPepper, ILoggingAdapter log)
{
    private IReadOnlyDictionary<string, AccessProfile> _directory = AccessDirectoryChange.Empty;
    private AccessPlaces _places = AccessPlaces.None;

    /// <summary>
    /// After every handshake, on an operator's resync, and when the cabinet's layout changes: learn which key group sits in
    /// which slot and what each key asks, then give the controller its allow-list and the keys' lists (whole, or only what
    /// the new layout changes).
    /// </summary>
    public void Load(CabinetOnBus bus, bool whole) =>
        cluster.Ask(bus, new GetCabinet(bus.Cabinet), (b, answer) =>
        {
            if (answer is not CabinetDetails { Registered: true } cabinet) return;
            var listed = b.Layout is not null && !whole;
            b.Layout = (cabinet.Site, cabinet.OfflineGroups);
            SlotQuestionsPush.Send(b, cabinet.Questions, whole: !listed);
            if (listed) AllowLists.Refresh(b, EntitledAt(b), revocations.Known, pinPepper);
            else AllowLists.Reload(b, EntitledAt(b), revocations.Known, pinPepper);
            // Nothing to send: a person revoked meanwhile had no entry here, and the list already goes without them.
            if (b.AllowListInStep) revocations.Acknowledged(b, b.AllowListVersion);
        });

    /// <summary>The profiles of those who may have entries at the cabinet (<see cref="AccessPlaces"/>); none before its layout is known.</summary>
    private IEnumerable<AccessProfile> EntitledAt(CabinetOnBus bus) =>
        bus.Layout is { } layout ? _places.At(bus.Cabinet, layout.Site).Select(person => _directory[person]) : [];

    /// <summary>An operator's resync: the cabinet's list is replaced whole, if the cabinet has a session to take it.</summary>
    public void Resync(CabinetId cabinet)
    {
        foreach (var bus in buses.Where(b => b.Cabinet == cabinet && b.Channel.IsEstablished)) Load(bus, whole: true);
    }

    public void DirectoryChanged(AccessDirectoryChange change)
    {
        _directory = change.Directory;
        _places = change.Places;
        foreach (var bus in buses.Where(b => b.Layout is not null)) AllowLists.Update(bus, change, revocations.Known, pinPepper);
    }

    /// <summary>
    /// A list this driver kept in step (the link dropped, the session was renewed) goes on from where it stands: clearing it
    /// would leave the cabinet admitting nobody offline until the whole list was sent again.
    /// </summary>
    public void StatusReported(CabinetOnBus bus, ControllerStatus status)
    {
        var goesOn = bus.ContinuesFrom(status.AllowListVersion);
        if (goesOn) revocations.Acknowledged(bus, status.AllowListVersion);
        // What was queued for a list that is about to be replaced would only be refused as out of order.
        else bus.DropQueuedAllowListChanges();
        Load(bus, whole: !goesOn);
    }

    public void Acknowledged(CabinetOnBus bus, Command? sent, AllowListAck ack)
    {
        bus.AcknowledgedAllowListVersion = ack.Version;
        if (CabinetOnBus.IsAllowListChange(sent) && ack.Version != CabinetOnBus.VersionOf(sent))
        {
            // The controller's list is not where we thought (a change was missed): start it over.
            log.Warning("Cabinet {0}: allow-list at version {1}, expected {2}; reloading", bus.Cabinet, ack.Version, CabinetOnBus.VersionOf(sent));
            AllowLists.Reload(bus, EntitledAt(bus), revocations.Known, pinPepper);
            return;
        }

        revocations.Acknowledged(bus, ack.Version);
    }

    /// <summary>A controller that cannot say where its list stands gets it whole.</summary>
    public void Refused(CabinetOnBus bus, Command? sent)
    {
        if (sent is StatusRequest) Load(bus, whole: true);
    }
}
