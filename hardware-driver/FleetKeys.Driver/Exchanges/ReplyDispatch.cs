using Akka.Event;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Lanes;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Exchanges;

/// <summary>
/// Where an exchange's outcome goes among a cabinet's parts: a new session asks where the controller stands, each reply
/// reaches the lane or errand it answers, and input or events keep the cabinet polled at the full rate.
/// </summary>
internal sealed class ReplyDispatch(PollScheduler polls, Func<TimeSpan> busClock, CabinetErrands errands, AllowListLane allowLists,
    LockLane locks, Domain.Controllers.OfflinePolicy offlinePolicy, LinkCounters counts, TimeProvider clock, ILoggingAdapter log)
{
    private readonly OfflinePolicy _offline = offlinePolicy == Domain.Controllers.OfflinePolicy.AllowCached ? OfflinePolicy.AllowCached : OfflinePolicy.DenyAll;

    /// <summary>An exchange's outcome, to the parts it concerns.</summary>
    public void Dispatch(BusStep step)
    {
        switch (step)
        {
            case BusStep.Established established:
                Established(established.Bus);
                break;
            case BusStep.Replied replied:
                Replied(replied.Bus, replied.Sent, replied.Reply);
                break;
            case BusStep.SessionLost lost:
                log.Info("Cabinet {0}: session lost ({1}), re-authenticating", lost.Bus.Cabinet, lost.Reason);
                break;
        }
    }

    /// <summary>
    /// The status tells where the controller's allow-list stands; its answer decides how the list is brought up to date. The
    /// inventory follows: whatever changed in the slots while the link was down is compared with custody. A stock reader knows
    /// none of FleetKeys's MFG messages: it is asked what it is.
    /// </summary>
    public void Established(CabinetOnBus bus)
    {
        if (bus.Board is not null) bus.Enqueue(new IdRequest(), new CapabilitiesRequest());
        else bus.Enqueue(new SetClock(clock.GetUtcNow()), new StatusRequest(), new SetOfflinePolicy(_offline), new InventoryRequest(1));
    }

    public void Replied(CabinetOnBus bus, Command? sent, Reply reply)
    {
        if (reply is CardRead or KeypadInput or KeySelected or EventReport { Events.Count: > 0 }) polls.Active(bus.Address, busClock());
        if (bus.Board is { } board)
        {
            ReaderReplied(bus, board, reply);
            return;
        }

        locks.Answered(bus, sent, reply);
        if (PersonInput(bus, reply)) return;
        switch (reply)
        {
            case ControllerStatus status:
                allowLists.StatusReported(bus, status);
                break;
            case AllowListAck ack:
                allowLists.Acknowledged(bus, sent, ack);
                break;
            case Nak nak:
                counts.Nak();
                log.Warning("Cabinet {0} refused a command: {1}", bus.Cabinet, nak.Error);
                allowLists.Refused(bus, sent);
                break;
            case KeySelected selected:
                errands.KeySelected(bus, selected.Slot, selected.Reason);
                break;
            case InventoryReport page:
                errands.InventoryPage(bus, page);
                break;
            case EventReport report:
                errands.EventsReported(bus, report);
                break;
        }
    }

    /// <summary>A stock reader's card reads and keys feed its board's cabinet; what it says it is, is checked against its place.</summary>
    private void ReaderReplied(CabinetOnBus reader, CabinetOnBus board, Reply reply)
    {
        if (PersonInput(board, reply)) return;
        switch (reply)
        {
            case Nak nak:
                counts.Nak();
                log.Warning("The reader of cabinet {0} at bus address {1} refused a command: {2}", reader.Cabinet, reader.Address, nak.Error);
                break;
            // The capabilities are asked after the identification: by then the device has said all it will.
            case DeviceCapabilities when reader.Profile.Learn(reply) && reader.Profile.MisfitAsReader() is { } why:
                log.Warning("Bus address {0} is configured as the reader of cabinet {1}, but {2}: no badge can be read there", reader.Address, reader.Cabinet, why);
                break;
            case DeviceIdentification or DeviceCapabilities:
                reader.Profile.Learn(reply);
                break;
        }
    }

    /// <summary>A badge or keys typed, at the cabinet's own reader or its stock reader, go to the take flow of <paramref name="cabinet"/>.</summary>
    private bool PersonInput(CabinetOnBus cabinet, Reply reply)
    {
        switch (reply)
        {
            case CardRead card when HardwareIds.Badge(card.Data) is { } badge:
                errands.BadgeRead(cabinet, badge);
                return true;
            case CardRead:
                cabinet.Enqueue(CabinetFeedback.Text("Badge not readable"));
                return true;
            case KeypadInput keys:
                errands.KeysTyped(cabinet, keys.Keys);
                return true;
            default:
                return false;
        }
    }
}
