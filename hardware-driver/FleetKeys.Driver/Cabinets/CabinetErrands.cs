using Akka.Event;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// What the person at a cabinet waits for, asked of the cluster and answered on the cabinet's display and locks: a badge
/// (after its PIN where the cabinet requires one) becomes a decision, a key choice a release, a PIN change a new PIN; the
/// cabinet's event log and inventory are recorded. The cabinet entity decides; this only carries the question and the answer.
/// </summary>
internal sealed class CabinetErrands(IDriverCluster cluster, PollScheduler polls, Func<TimeSpan> busClock, TimeProvider clock,
    TimeSpan pinTimeout, SealingKey pinPepper, ILoggingAdapter log)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    public void BadgeRead(CabinetOnBus bus, BadgeNumber badge)
    {
        if (!bus.RequiresPin)
        {
            PresentBadge(bus, badge, null);
            return;
        }

        bus.Pin.BadgeRead(badge, Now);
        bus.Enqueue(CabinetFeedback.EnterPin());
    }

    public void KeysTyped(CabinetOnBus bus, string keys)
    {
        switch (bus.Pin.KeysTyped(keys, Now, pinTimeout))
        {
            case PinEntry.Typed.Pin pin:
                PresentBadge(bus, pin.Badge, pin.Value);
                break;
            case PinEntry.Typed.PinChange change:
                ChangePin(bus, change);
                break;
            case PinEntry.Typed.PinChangeMistyped:
                bus.Enqueue(CabinetFeedback.Text("New PINs differ: try again"));
                break;
        }
    }

    private void PresentBadge(CabinetOnBus bus, BadgeNumber badge, string? pin) =>
        cluster.AskForPerson(bus, new PresentBadge(bus.Cabinet, badge, pin, Now), (b, answer) =>
        {
            if (answer is AccessGranted granted)
            {
                b.Session = (granted.Session, granted.ExpiresAt);
                polls.Active(b.Address, busClock(), busClock() + (granted.ExpiresAt - Now));
                // The receiver of a handover is told how it ended rather than welcomed to choose a key.
                b.Enqueue(granted.Handover switch
                {
                    { Refused: { } why } => CabinetFeedback.Refused(why),
                    { } handedOver => CabinetFeedback.HandedOver(handedOver.Slot),
                    null => CabinetFeedback.Welcome(granted.RemainingCapacity),
                });
                // The badge was the second person of the two-person rule: the first person's key is released now.
                if (granted.Unlock is { } unlock) b.Release(unlock.Slot, unlock.Until, Now);
            }
            else if (answer is Rejection why)
            {
                b.Enqueue(CabinetFeedback.Refused(why));
            }
        });

    /// <summary>The new PIN is hashed here, at the edge, off the bus's thread (a slow hash would stall the bus), never in the entity.</summary>
    private void ChangePin(CabinetOnBus bus, PinEntry.Typed.PinChange change)
    {
        var (cabinet, at, pepper) = (bus.Cabinet, Now, pinPepper);
        cluster.AskBuiltAside(bus, () => new ChangePinAtCabinet(cabinet, change.Badge, change.Current, change.New, PinHash.Create(change.New, pepper), at),
            (b, answer) => b.Enqueue(answer is Rejection why ? CabinetFeedback.Refused(why) : CabinetFeedback.PinChanged()));
    }

    public void KeySelected(CabinetOnBus bus, int slot, int? reason)
    {
        if (bus.Session is not { } session || session.ExpiresAt <= Now)
        {
            bus.Enqueue(CabinetFeedback.Refused(Rejection.Of(RejectionCode.SessionNotOpen, "no session")));
            return;
        }

        cluster.AskForPerson(bus, new SelectKey(bus.Cabinet, session.Session, slot, Now, reason), (b, answer) =>
        {
            if (answer is UnlockSlot unlock) b.Release(unlock.Slot, unlock.Until, Now);
            else if (answer is HandoverStarted) b.Enqueue(CabinetFeedback.BadgeReceiver());
            else if (answer is Rejection why) b.Enqueue(CabinetFeedback.Refused(why));
        });
    }

    /// <summary>The next page is asked for at once; the whole inventory goes to the cabinet entity, which compares it with custody.</summary>
    public void InventoryPage(CabinetOnBus bus, InventoryReport page)
    {
        if (bus.Inventory.Received(page, out var complete) is { } next) bus.EnqueueFirst(next);
        if (complete is null) return;
        cluster.Ask(bus, new ReportInventory(bus.Cabinet, complete, Now), (b, answer) =>
        {
            if (answer is Rejection refused) log.Warning("Cabinet {0}: inventory not recorded ({1})", b.Cabinet, refused.Message);
        });
    }

    /// <summary>A batch of the event log, unless one is on its way already (the controller sends it again until acknowledged).</summary>
    public void EventsReported(CabinetOnBus bus, EventReport report)
    {
        if (bus.Uploading || report.Events.Count == 0) return;
        bus.Uploading = true;
        Upload(bus, new EventLogUpload(bus.Cabinet, report.Epoch, report.Events));
    }

    /// <summary>Records a batch of logged events one at a time, in order, then acknowledges what the cluster persisted.</summary>
    private void Upload(CabinetOnBus bus, EventLogUpload upload)
    {
        if (upload.Next() is not { } command)
        {
            FinishUpload(bus, upload);
            return;
        }

        cluster.Ask(bus, command, (b, answer) =>
        {
            if (answer is Rejection { Code: not RejectionCode.Unavailable } refused)
                log.Warning("Cabinet {0}: event {1} refused ({2}); acknowledged so the log can move on", b.Cabinet, upload.Current, refused.Message);
            // The person who keyed in a lower odometer is still at the keypad (the control room has its alarm).
            if (answer is Rejection { Code: RejectionCode.OdometerBackwards } backwards) b.Enqueue(CabinetFeedback.Refused(backwards));
            if (answer is SlotEventRecorded { GuideToSlot: { } home }) b.Enqueue(CabinetFeedback.WrongSlot(home));
            if (upload.Answered(answer)) Upload(b, upload);
            else FinishUpload(b, upload);
        });
    }

    private static void FinishUpload(CabinetOnBus bus, EventLogUpload upload)
    {
        bus.Uploading = false;
        if (upload.Acknowledgement is { } ack) bus.Enqueue(ack);
    }
}
