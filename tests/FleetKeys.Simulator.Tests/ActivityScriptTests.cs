using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class ActivityScriptTests
{
    private static readonly ActivityOptions Brisk = new()
    {
        VisitsPerSecond = 1,
        MaxVisits = 4,
        HoldTime = TimeSpan.FromSeconds(4),
        Patience = TimeSpan.FromSeconds(3),
        WrongSlotChance = 0.5,
        Seed = 7,
    };

    [Fact]
    public void Generated_people_are_the_same_on_every_run_and_their_PINs_do_not_print()
    {
        var people = SimulatedPerson.Generate(3, withPins: true);

        Assert.Equal(people, SimulatedPerson.Generate(3, withPins: true));
        Assert.Equal(["p-0001", "p-0002", "p-0003"], people.Select(p => p.PersonId));
        Assert.Equal(3, people.Select(p => p.Badge).Distinct().Count());
        Assert.All(people, p => Assert.Matches("^[0-9]{4}$", p.Pin!));
        Assert.DoesNotContain(people[0].Pin!, people[0].ToString());
        Assert.All(SimulatedPerson.Generate(2), p => Assert.Null(p.Pin));
    }

    [Fact]
    public async Task At_a_mixed_cabinet_people_badge_and_type_their_PIN_at_the_stock_reader_and_choose_the_key_at_the_board()
    {
        await using var rig = await Rig.StartAsync(slots: 3, stockReaders: true);
        var person = SimulatedPerson.Generate(1, withPins: true)[0];
        var reader = Rig.ReaderAddress(1);
        var panel = await rig.OnlineAsync(1, reader);
        using var script = new ActivityScript(rig.Controller.Cabinets, [person], rig.Time, Brisk with { MaxVisits = 1 }, rig.Controller.Readers);

        script.Start();
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(person.Badge, Assert.IsType<CardRead>(await panel.PollAsync(reader)).Data);
        Assert.Equal(person.Pin, Assert.IsType<KeypadInput>(await panel.PollAsync(reader)).Keys);
        Assert.IsType<KeySelected>(Assert.Single(rig.Cabinet().PendingInput));
    }

    [Fact]
    public async Task Offline_people_take_and_return_keys_by_the_cached_list_until_the_visits_run_out()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2, slots: 3);
        var people = SimulatedPerson.Generate(2, withPins: true);
        var panel = await rig.OnlineAsync(1, 2);
        foreach (byte address in (byte[])[1, 2])
        {
            await panel.SendAsync(address, new AllowListUpsert(1, [.. people.Select(p =>
                new AllowListEntry(p.Badge, p.PersonId, PinVerifier.Create(p.Pin!, 1_000), null, null, SlotSet.Of(1, 2, 3)))]));
            await panel.SendAsync(address, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        }
        rig.PassOfflineTimeout();
        using var script = new ActivityScript(rig.Controller.Cabinets, people, rig.Time, Brisk);

        script.Start();
        for (var second = 0; second < 60 && !script.Completion.IsCompleted; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));

        await script.Completion;
        var stats = script.Stats;
        Assert.Equal((4, 4, 4, 0, 0), (stats.Started, stats.Taken, stats.Returned, stats.Abandoned, stats.InProgress));
        var cabinets = rig.Controller.Cabinets;
        var events = cabinets.SelectMany(c => c.EventLog.Pending).ToArray();
        Assert.Equal(4, events.OfType<TagRemoved>().Count());
        Assert.Equal(4, events.OfType<TagInserted>().Count());
        Assert.Equal(8, events.OfType<OfflineAccessGranted>().Count());
        Assert.Equal(
            cabinets.SelectMany(c => c.Spec.Tags).Order(TagOrder.Instance),
            cabinets.SelectMany(c => c.Slots).Select(s => s.Tag!.Value).Order(TagOrder.Instance));
        Assert.Equal(stats.ReturnedToWrongSlot, cabinets.SelectMany(c => c.Slots).Count(s => s.Tag != s.HomeTag));
    }

    [Fact]
    public async Task Online_the_script_waits_for_the_cluster_to_release_the_slot()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        using var script = new ActivityScript([cabinet], SimulatedPerson.Generate(1), rig.Time, Brisk with { MaxVisits = 1, WrongSlotChance = 0 });
        script.Start();

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<CardRead>(await panel.PollAsync(1));
        var selected = Assert.IsType<KeySelected>(await panel.PollAsync(1));
        await panel.SendAsync(1, new OutputControl([OutputAction.Unlock(selected.Slot, TimeSpan.FromSeconds(5))]));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cabinet.Slot(selected.Slot).Tag);
        for (var second = 0; second < 10 && !script.Completion.IsCompleted; second++)
        {
            await panel.PollAsync(1);
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await script.Completion;
        Assert.Equal(cabinet.Slot(selected.Slot).HomeTag, cabinet.Slot(selected.Slot).Tag);
        Assert.Equal(new ActivityStats(1, 1, 1, 0, 0, 0), script.Stats);
    }

    [Fact]
    public async Task With_a_fault_chance_people_report_faults_from_the_cabinets_list_after_returning()
    {
        await using var rig = await Rig.StartAsync(cabinets: 1, slots: 3);
        var people = SimulatedPerson.Generate(2, withPins: true);
        var panel = await rig.OnlineAsync(1);
        await panel.SendAsync(1, new AllowListUpsert(1, [.. people.Select(p =>
            new AllowListEntry(p.Badge, p.PersonId, PinVerifier.Create(p.Pin!, 1_000), null, null, SlotSet.Of(1, 2, 3)))]));
        await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        rig.PassOfflineTimeout();
        using var script = new ActivityScript(rig.Controller.Cabinets, people, rig.Time, Brisk with { FaultChance = 1 });

        script.Start();
        for (var second = 0; second < 60 && !script.Completion.IsCompleted; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));

        await script.Completion;
        var faults = rig.Controller.Cabinets[0].EventLog.Pending.OfType<KeyFaultReported>().ToList();
        Assert.Equal((4, 4), (script.Stats.Returned, script.Stats.FaultsReported));
        Assert.Equal(4, faults.Count);
        Assert.All(faults, f => Assert.Contains((f.Severity, f.Description), SimulatedCabinet.FaultList));
    }

    [Fact]
    public async Task People_pick_a_reason_for_a_key_that_asks_one_and_answer_its_return_questions_with_an_odometer_that_only_goes_up()
    {
        await using var rig = await Rig.StartAsync(cabinets: 1, slots: 3);
        // The keys' lists as the cluster pushes them: every key lists three reasons and asks the odometer and fuel.
        var people = await TwoPeopleOffline(rig, [.. Enumerable.Range(1, 3).Select(slot =>
            new SetSlotQuestions((byte)slot, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service", "Training"]))]);
        using var script = new ActivityScript(rig.Controller.Cabinets, people, rig.Time, Brisk);

        script.Start();
        for (var second = 0; second < 60 && !script.Completion.IsCompleted; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));

        await script.Completion;
        var log = rig.Controller.Cabinets[0].EventLog.Pending;
        var reasons = log.OfType<TakeReasonChosen>().ToList();
        var answers = log.OfType<ReturnAnswered>().ToList();
        Assert.NotEmpty(answers);
        Assert.Equal((script.Stats.Taken, script.Stats.Returned), (reasons.Count, answers.Count));
        Assert.All(reasons, r => Assert.InRange(r.Choice, (byte)1, (byte)3));
        Assert.All(answers, a => Assert.Equal((true, true, (bool?)null), (a.OdometerKm is not null, a.FuelPercent is <= 100, a.Damaged)));
        Assert.All(answers.GroupBy(a => a.Tag), readings =>
            Assert.Equal(readings.Select(a => a.OdometerKm).Order(), readings.Select(a => a.OdometerKm)));
    }

    [Fact]
    public async Task A_holder_whose_time_is_up_hands_the_key_to_an_idle_colleague_at_its_cabinet_instead_of_returning_it()
    {
        await using var rig = await Rig.StartAsync(cabinets: 1, slots: 3);
        var people = await TwoPeopleOffline(rig);
        using var script = new ActivityScript(rig.Controller.Cabinets, people, rig.Time, Brisk with { MaxVisits = 1, HandoverChance = 1 });

        script.Start();
        for (var second = 0; second < 8; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));
        script.Stop();

        var stats = script.Stats;
        var badged = rig.Controller.Cabinets[0].EventLog.Pending.OfType<OfflineAccessGranted>().Where(a => a.Slot == 0).Select(a => a.PersonId).ToList();
        // Taken once and never back: it goes from hand to hand while the other person is idle.
        Assert.Equal((1, 0, 1), (stats.Taken, stats.Returned, stats.InProgress));
        Assert.InRange(stats.HandedOver, 1, 4);
        Assert.Contains("p-0001", badged);
        Assert.Contains("p-0002", badged);
    }

    /// <summary>Two people with PINs on the allow-list of a cabinet of three slots that decides alone (its controller is offline).</summary>
    private static async Task<IReadOnlyList<SimulatedPerson>> TwoPeopleOffline(Rig rig, IReadOnlyList<SetSlotQuestions>? questions = null)
    {
        var people = SimulatedPerson.Generate(2, withPins: true);
        var panel = await rig.OnlineAsync(1);
        await panel.SendAsync(1, new AllowListUpsert(1, [.. people.Select(p =>
            new AllowListEntry(p.Badge, p.PersonId, PinVerifier.Create(p.Pin!, 1_000), null, null, SlotSet.Of(1, 2, 3)))]));
        await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        foreach (var slot in questions ?? []) await panel.SendAsync(1, slot);
        rig.PassOfflineTimeout();
        return people;
    }

    [Fact]
    public async Task A_stopped_script_does_nothing_more()
    {
        await using var rig = await Rig.StartAsync();
        using var script = new ActivityScript([rig.Cabinet()], SimulatedPerson.Generate(1), rig.Time, Brisk);
        script.Start();
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        script.Stop();
        rig.Time.Advance(TimeSpan.FromSeconds(30));

        await script.Completion;
        Assert.Equal(1, script.Stats.Started);
    }

    [Fact]
    public async Task A_person_sent_for_a_key_goes_only_when_free_of_other_errands()
    {
        await using var rig = await Rig.StartAsync();
        var cabinet = rig.Cabinet();
        var person = SimulatedPerson.Generate(1)[0];
        using var script = new ActivityScript([cabinet], [person], rig.Time, Brisk with { MaxVisits = 0 });

        Assert.True(script.Send(person, cabinet, 2));
        Assert.False(script.Send(person, cabinet, 3));

        Assert.Equal(new ActivityStats(1, 0, 0, 0, 0, 1), script.Stats);
    }

    [Fact]
    public async Task Someone_already_holding_a_key_brings_it_back_after_a_hold_time()
    {
        await using var rig = await Rig.StartAsync();
        var cabinet = rig.Cabinet();
        var person = SimulatedPerson.Generate(1)[0];
        Assert.True(cabinet.ForceSlot(2));
        using var script = new ActivityScript([cabinet], [person], rig.Time, Brisk with { MaxVisits = 0 });

        script.Holding(person, cabinet, 2);
        script.Start();
        for (var second = 0; second < 10 && !script.Completion.IsCompleted; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));

        await script.Completion;
        Assert.Equal(cabinet.Slot(2).HomeTag, cabinet.Slot(2).Tag);
        Assert.Equal(new ActivityStats(0, 0, 1, 0, 0, 0), script.Stats);
    }

    [Fact]
    public async Task The_keys_of_a_slot_with_a_hold_time_of_its_own_are_kept_that_long()
    {
        await using var rig = await Rig.StartAsync();
        var cabinet = rig.Cabinet();
        var person = SimulatedPerson.Generate(1)[0];
        Assert.True(cabinet.ForceSlot(2));
        var options = Brisk with { MaxVisits = 0, HoldTimeOfSlot = new Dictionary<byte, TimeSpan> { [2] = TimeSpan.FromMinutes(1) } };
        using var script = new ActivityScript([cabinet], [person], rig.Time, options);
        script.Holding(person, cabinet, 2);
        script.Start();

        for (var second = 0; second < 20; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));
        var keptAfter20Seconds = cabinet.Slot(2).Tag is null;
        for (var second = 20; second < 100 && !script.Completion.IsCompleted; second++) rig.Time.Advance(TimeSpan.FromSeconds(1));

        await script.Completion;
        Assert.True(keptAfter20Seconds, "a key held for about a minute (30-90 s) was back within 20 s");
        Assert.Equal(cabinet.Slot(2).HomeTag, cabinet.Slot(2).Tag);
    }

    private sealed class TagOrder : IComparer<ByteString>
    {
        public static readonly TagOrder Instance = new();

        public int Compare(ByteString x, ByteString y) => x.Span.SequenceCompareTo(y.Span);
    }
}
