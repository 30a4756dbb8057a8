using Akka.Event;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.People;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Lanes;

/// <summary>
/// Locks moved on the cluster's word: a remote release, an emergency open or a lock-down (decided and persisted already), and
/// the relock of a slot whose release a revocation voided, confirmed to the person once the cabinet acknowledged it.
/// </summary>
internal sealed class LockLane(IReadOnlyCollection<CabinetOnBus> buses, PollScheduler polls, Func<TimeSpan> busClock, IDriverCluster cluster,
    TimeProvider clock, ILoggingAdapter log)
{
    public void Drive(DriveLocks locks)
    {
        var outputs = (locks.Door ? [OutputAction.Door] : Array.Empty<byte>()).Concat(locks.Slots.Select(s => (byte)s)).ToArray();
        foreach (var bus in buses.Where(b => b.Cabinet == locks.Cabinet))
        {
            if (locks.Release) bus.Open(outputs, locks.Until, clock.GetUtcNow());
            else bus.Lock(outputs);
            // Someone is about to take or return a key there: its tag events should be picked up at the full rate.
            polls.Active(bus.Address, busClock());
        }
    }

    /// <summary>
    /// Locked in order behind what is queued already (an unlock sent just before must not overtake it), kept queued while the
    /// controller is away, and asked once however often the cluster repeats it.
    /// </summary>
    public void Relock(DriveRelock relock)
    {
        foreach (var bus in buses.Where(b => b.Cabinet == relock.LockToClose.Cabinet && !b.AwaitingRelock.ContainsValue(relock)))
        {
            var command = new OutputControl([OutputAction.Lock((byte)relock.LockToClose.Number)]);
            bus.AwaitingRelock[command] = relock;
            bus.Enqueue(command);
        }
    }

    /// <summary>The cabinet answered <paramref name="sent"/>: if it was a relock, the person learns it is done (or the log that it is not).</summary>
    public void Answered(CabinetOnBus bus, Command? sent, Reply reply)
    {
        if (sent is not OutputControl output || !bus.AwaitingRelock.Remove(output, out var relock)) return;
        if (reply is Ack) cluster.TellPeople(new ReportRelock(relock.Person, relock.Revision, relock.Slot, RelockState.Relocked, clock.GetUtcNow()));
        else log.Warning("Cabinet {0} did not relock slot {1} after {2}'s revocation: {3}", bus.Cabinet, relock.LockToClose.Number, relock.Person, reply);
    }
}
