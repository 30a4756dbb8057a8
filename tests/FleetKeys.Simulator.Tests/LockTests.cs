using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class LockTests
{
    [Fact]
    public async Task OUT_releases_a_slot_for_its_timer_and_only_a_released_slot_gives_up_its_key()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        var unlocked = cabinet.WhenUnlocked(3, Rig.Within);
        Assert.False(unlocked.IsCompleted);

        Assert.IsType<Ack>(await panel.SendAsync(1, new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))])));
        await unlocked;

        Assert.Equal(Rig.Start.AddSeconds(5), cabinet.Slot(3).UnlockedUntil);
        Assert.False(cabinet.TakeKey(4));
        Assert.True(cabinet.TakeKey(3));
        Assert.Null(cabinet.Slot(3).Tag);
        Assert.False(cabinet.TakeKey(3));

        rig.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cabinet.Slot(3).IsUnlocked);
    }

    [Fact]
    public async Task A_forced_slot_gives_up_its_key_although_locked_and_a_key_fits_any_empty_slot()
    {
        await using var rig = await Rig.StartAsync();
        var cabinet = rig.Cabinet();

        Assert.True(cabinet.ForceSlot(4));
        Assert.False(cabinet.ForceSlot(4));
        Assert.False(cabinet.ReturnKey(1, Rig.Tag(1, 4)));
        Assert.False(cabinet.TakeKey(1));
        Assert.True(cabinet.ForceSlot(1));
        Assert.True(cabinet.ReturnKey(1, Rig.Tag(1, 4)));

        Assert.Equal(Rig.Tag(1, 4), cabinet.Slot(1).Tag);
        Assert.Equal(Rig.Tag(1, 1), cabinet.Slot(1).HomeTag);
        Assert.Collection(cabinet.EventLog.Pending,
            e => Assert.Equal((4, Rig.Tag(1, 4)), (((TagRemoved)e).Slot, ((TagRemoved)e).Tag)),
            e => Assert.Equal((1, Rig.Tag(1, 1)), (((TagRemoved)e).Slot, ((TagRemoved)e).Tag)),
            e => Assert.Equal((1, Rig.Tag(1, 4)), (((TagInserted)e).Slot, ((TagInserted)e).Tag)));
        Assert.Throws<InvalidOperationException>(() => cabinet.ReturnKey(4, Rig.Tag(1, 2)));
    }

    [Fact]
    public async Task OUT_for_an_output_the_cabinet_lacks_is_refused_whole_and_code_1_relocks_early()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();

        var refused = await panel.SendAsync(1, new OutputControl(
            [OutputAction.Unlock(2, TimeSpan.FromSeconds(5)), OutputAction.Unlock(5, TimeSpan.FromSeconds(5))]));
        Assert.Equal(new Nak(NakCode.UnableToProcess), refused);
        Assert.False(cabinet.Slot(2).IsUnlocked);

        await panel.SendAsync(1, new OutputControl([OutputAction.Unlock(OutputAction.Door, TimeSpan.FromSeconds(5)), OutputAction.Unlock(2, TimeSpan.FromSeconds(5))]));
        await cabinet.WhenUnlocked(0, Rig.Within);
        await panel.SendAsync(1, new OutputControl([OutputAction.Lock(2)]));
        Assert.False(cabinet.Slot(2).IsUnlocked);
        Assert.True(cabinet.Door.IsUnlocked);

        await panel.SendAsync(1, new OutputControl([new OutputAction(2, OutputMode.PermanentOnAbortTimed, TimeSpan.Zero)]));
        Assert.Equal(DateTimeOffset.MaxValue, cabinet.Slot(2).UnlockedUntil);
        Assert.Equal(1, cabinet.Counters.Naks);
    }

    [Fact]
    public async Task Door_movements_are_logged_once_each()
    {
        await using var rig = await Rig.StartAsync();
        var cabinet = rig.Cabinet();
        var opened = cabinet.WaitUntilAsync(c => c.Door.IsOpen, Rig.Within);

        Assert.True(cabinet.OpenDoor());
        Assert.False(cabinet.OpenDoor());
        await opened;
        Assert.True(cabinet.CloseDoor());

        Assert.Collection(cabinet.EventLog.Pending, e => Assert.IsType<DoorOpened>(e), e => Assert.IsType<DoorClosed>(e));
    }

    [Fact]
    public async Task The_tamper_switch_is_logged_as_it_trips_and_restores_and_shows_on_input_1()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();

        Assert.True(cabinet.Tamper(active: true));
        Assert.False(cabinet.Tamper(active: true));
        var tripped = (await panel.SendAsync(1, new InputStatusRequest()), await panel.SendAsync(1, new LocalStatusRequest()));
        Assert.True(cabinet.Tamper(active: false));

        Assert.Equal((new InputStatus([false, true]), new LocalStatus(true, false)), tripped);
        Assert.Collection(cabinet.EventLog.Pending, e => Assert.IsType<TamperTripped>(e), e => Assert.IsType<TamperRestored>(e));
    }

    [Fact]
    public async Task Lost_mains_power_shows_in_the_local_status_and_the_battery_is_logged_low_and_normal_only_across_its_marks()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();

        Assert.True(cabinet.MainsPower(on: false));
        Assert.False(cabinet.MainsPower(on: false));
        var onBattery = await panel.SendAsync(1, new LocalStatusRequest());
        Assert.False(cabinet.Battery(25));
        Assert.True(cabinet.Battery(18));
        Assert.False(cabinet.Battery(25)); // above the low mark, below the normal one: still low
        Assert.True(cabinet.MainsPower(on: true));
        Assert.True(cabinet.Battery(40));

        Assert.Equal(new LocalStatus(false, true), onBattery);
        Assert.Collection(cabinet.EventLog.Pending,
            e => Assert.IsType<MainsPowerLost>(e),
            e => Assert.Equal((true, (byte)18), (((BatteryChanged)e).Low, ((BatteryChanged)e).ChargePercent)),
            e => Assert.IsType<MainsPowerRestored>(e),
            e => Assert.Equal((false, (byte)40), (((BatteryChanged)e).Low, ((BatteryChanged)e).ChargePercent)));
    }

    [Fact]
    public async Task A_fault_is_reported_against_the_key_in_a_slot_and_logged_with_its_tag()
    {
        await using var rig = await Rig.StartAsync();
        await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        var (severity, description) = SimulatedCabinet.FaultList.Single(f => f.Severity == FaultLevel.Critical);

        Assert.True(cabinet.ReportFault(1, severity, description));
        Assert.True(cabinet.ForceSlot(1));
        Assert.False(cabinet.ReportFault(1, FaultLevel.Minor, "Key ring worn"));

        var logged = Assert.IsType<KeyFaultReported>(cabinet.EventLog.Pending[0]);
        Assert.Equal((1, cabinet.Slot(1).HomeTag, FaultLevel.Critical, description), (logged.Slot, logged.Tag, logged.Severity, logged.Description));
        Assert.Equal(2, cabinet.EventLog.Pending.Count);
    }

    [Fact]
    public async Task A_key_whose_pushed_list_has_reasons_is_asked_for_online_only_with_a_reason_on_that_list()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        Assert.IsType<Ack>(await panel.SendAsync(1, new SetSlotQuestions(1, ReturnQuestions.Odometer, ["Delivery", "Service"])));
        Assert.IsType<Ack>(await panel.SendAsync(1, new SetSlotQuestions(2, ReturnQuestions.Fuel, [])));

        Assert.Equal(InputOutcome.Ignored, cabinet.ChooseReason(1, 1));
        Assert.Equal(InputOutcome.AwaitingReason, cabinet.SelectKey(1));
        Assert.Equal("Reason? 1 Delivery 2 Service", cabinet.Text);
        Assert.Equal(InputOutcome.Ignored, cabinet.ChooseReason(1, 3));
        Assert.Equal(InputOutcome.Reported, cabinet.ChooseReason(1, 2));
        Assert.Equal(new KeySelected(1, 2), await panel.PollAsync(1));
        // A key that asks only on return is chosen as any other, and so is the empty slot of a key out (its holder hands it over).
        Assert.Equal(InputOutcome.Reported, cabinet.SelectKey(2));
        Assert.Equal(new KeySelected(2), await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.SendAsync(1, new OutputControl([OutputAction.Unlock(1, TimeSpan.FromSeconds(5))])));
        await cabinet.WhenUnlocked(1, Rig.Within);
        Assert.True(cabinet.TakeKey(1));
        Assert.Equal(InputOutcome.Reported, cabinet.SelectKey(1));
        Assert.Equal(new KeySelected(1), await panel.PollAsync(1));

        Assert.True(cabinet.ReturnKey(1, cabinet.Slot(1).HomeTag));
        Assert.IsType<Ack>(await panel.SendAsync(1, SetSlotQuestions.ForgetAll()));
        Assert.Equal((null, null), (cabinet.QuestionsOf(1), cabinet.QuestionsOf(2)));
        Assert.Equal(InputOutcome.Reported, cabinet.SelectKey(1));
    }

    [Fact]
    public async Task Offline_the_cabinet_releases_a_key_with_reasons_once_one_is_chosen_and_logs_it_after_the_release_and_answers_with_the_tag()
    {
        await using var rig = await Rig.StartAsync();
        var person = SimulatedPerson.Generate(1)[0];
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        Assert.IsType<Ack>(await panel.SendAsync(1, new SetSlotQuestions(1, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service"])));
        await panel.SendAsync(1, new AllowListUpsert(1, [new AllowListEntry(person.Badge, person.PersonId, null, null, null, SlotSet.Of(1))]));
        await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        rig.PassOfflineTimeout();

        Assert.Equal(InputOutcome.Granted, cabinet.PresentBadge(person.Badge));
        Assert.Equal(InputOutcome.AwaitingReason, cabinet.SelectKey(1));
        Assert.False(cabinet.Slot(1).IsUnlocked);
        Assert.Equal(InputOutcome.Granted, cabinet.ChooseReason(1, 2));
        Assert.True(cabinet.TakeKey(1));
        Assert.True(cabinet.ReturnKey(1, cabinet.Slot(1).HomeTag));
        Assert.True(cabinet.AnswerReturn(1, 12730, 40, null));
        Assert.True(cabinet.ForceSlot(1));
        Assert.False(cabinet.AnswerReturn(1, 1, null, null));

        var log = cabinet.EventLog.Pending;
        var released = log.OfType<OfflineAccessGranted>().Single(g => g.Slot == 1);
        var reason = Assert.IsType<TakeReasonChosen>(log[log.ToList().IndexOf(released) + 1]);
        var answers = log.OfType<ReturnAnswered>().Single();
        Assert.Equal((1, cabinet.Slot(1).HomeTag, (byte)2), (reason.Slot, reason.Tag, reason.Choice));
        Assert.Equal((cabinet.Slot(1).HomeTag, 12730u, (byte?)40, (bool?)null), (answers.Tag, answers.OdometerKm, answers.FuelPercent, answers.Damaged));
    }
}
