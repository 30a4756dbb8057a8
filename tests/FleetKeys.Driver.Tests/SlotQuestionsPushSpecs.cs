using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Driver;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>What the controller's display asks about each key follows the keys' policies: whole after a handshake, then by change.</summary>
public sealed class SlotQuestionsPushSpecs
{
    private static readonly CustodyQuestions Van = new(["Delivery", "Service"], Odometer: true, Fuel: true);
    private static readonly CustodyQuestions Truck = new(["Delivery"], Damage: true);

    private static CabinetOnBus Bus() =>
        new(1, new AttachedCabinet(CabinetId.Parse("cab-1"), RequiresPin: false), new PanelChannel(1, ControllerSecret.Generate()));

    private static List<SetSlotQuestions> Sent(CabinetOnBus bus)
    {
        var sent = new List<SetSlotQuestions>();
        while (bus.HasWork)
            if (bus.Next(RecordingCluster.SentAt) is SetSlotQuestions questions) sent.Add(questions);
        return sent;
    }

    [Fact]
    public void A_whole_push_forgets_every_list_then_sends_each_key_that_asks_something()
    {
        var bus = Bus();

        SlotQuestionsPush.Send(bus, new Dictionary<int, CustodyQuestions> { [3] = Van, [1] = Truck }, whole: true);

        Assert.Equal(
        [
            SetSlotQuestions.ForgetAll(),
            new SetSlotQuestions(1, ReturnQuestions.Damage, ["Delivery"]),
            new SetSlotQuestions(3, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service"]),
        ], Sent(bus));
    }

    [Fact]
    public void A_layout_change_sends_only_the_slots_whose_lists_changed_and_a_key_that_stopped_asking_with_neither_list()
    {
        var bus = Bus();
        SlotQuestionsPush.Send(bus, new Dictionary<int, CustodyQuestions> { [1] = Truck, [3] = Van }, whole: true);
        Sent(bus);

        SlotQuestionsPush.Send(bus, new Dictionary<int, CustodyQuestions> { [3] = Van, [2] = Van }, whole: false);

        Assert.Equal(
        [
            new SetSlotQuestions(1, ReturnQuestions.None, []),
            new SetSlotQuestions(2, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service"]),
        ], Sent(bus));
        SlotQuestionsPush.Send(bus, new Dictionary<int, CustodyQuestions> { [3] = Van, [2] = Van }, whole: false);
        Assert.Empty(Sent(bus));
    }
}
