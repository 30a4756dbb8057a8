namespace FleetKeys.Domain.Tests;

/// <summary>
/// A key out for an hour (taken at T0+10s, due at T0+1h10s), reminded 15 minutes before, escalated to security 30 minutes
/// after and to the holder's manager an hour after the due time.
/// </summary>
public class KeySlotEscalationTests
{
    private static readonly DateTimeOffset Due = ASlot.TakenAt.AddHours(1);

    private static readonly CustodyPolicy Policy = new(TimeSpan.FromHours(1), null)
    {
        Alerts = new CustodyAlerts(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)),
    };

    private static KeySlotState Out() => ASlot.Out(Policy);

    private static KeySlotState Noticed(KeySlotState state, DateTimeOffset at) => state.Run(new NoticeOverdue(Slot1, at));

    [Fact]
    public void Each_step_comes_in_turn_and_the_next_one_is_always_known()
    {
        var state = Out();
        Assert.Equal(Due.AddMinutes(-15), state.NextStepAt);

        var reminder = state.Decide(new NoticeOverdue(Slot1, Due.AddMinutes(-15))).OnlyEvent<KeyDueSoon, KeySlotEvent>();
        Assert.Equal((Alice, Due), (reminder.Holder, reminder.DueAt));
        state = state.Apply(reminder);
        Assert.Equal(Due, state.NextStepAt);

        state.Decide(new NoticeOverdue(Slot1, Due)).OnlyEvent<KeyOverdue, KeySlotEvent>();
        state = Noticed(state, Due);
        Assert.Equal(Due.AddMinutes(30), state.NextStepAt);

        var security = state.Decide(new NoticeOverdue(Slot1, Due.AddMinutes(30))).OnlyEvent<OverdueEscalated, KeySlotEvent>();
        Assert.Equal((2, EscalationAudience.Security, Alice), (security.Step, security.Audience, security.Holder));
        state = state.Apply(security);

        var manager = state.Decide(new NoticeOverdue(Slot1, Due.AddHours(1))).OnlyEvent<OverdueEscalated, KeySlotEvent>();
        Assert.Equal((3, EscalationAudience.Manager), (manager.Step, manager.Audience));
        state = state.Apply(manager);
        Assert.Null(state.NextStepAt);
    }

    [Fact]
    public void A_step_noticed_twice_is_recorded_once()
    {
        var reminded = Noticed(Out(), Due.AddMinutes(-15));
        reminded.Decide(new NoticeOverdue(Slot1, Due.AddMinutes(-10))).AcceptedWithoutEvents();

        var escalated = Noticed(Noticed(reminded, Due), Due.AddMinutes(30));
        escalated.Decide(new NoticeOverdue(Slot1, Due.AddMinutes(45))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_deadline_noticed_late_records_every_step_missed_but_no_reminder_for_a_key_already_overdue()
    {
        // The node was down from before the reminder until well past the security step.
        var events = Out().Decide(new NoticeOverdue(Slot1, Due.AddMinutes(40))).Accepted();

        Assert.Collection(events,
            e => Assert.IsType<KeyOverdue>(e),
            e => Assert.Equal(EscalationAudience.Security, Assert.IsType<OverdueEscalated>(e).Audience));
        var state = events.Aggregate(Out(), (s, e) => s.Apply(e));
        Assert.Equal(Due.AddHours(1), state.NextStepAt);
    }

    [Fact]
    public void A_reminder_that_would_come_before_the_take_is_left_out()
    {
        var shortLoan = new CustodyPolicy(TimeSpan.FromMinutes(10), null) { Alerts = Policy.Alerts };

        Assert.Equal(ASlot.TakenAt.AddMinutes(10), ASlot.Out(shortLoan).NextStepAt);
    }

    [Fact]
    public void Steps_are_numbered_in_time_order_whoever_they_go_to()
    {
        var managerFirst = new CustodyPolicy(TimeSpan.FromHours(1), null)
        {
            Alerts = new CustodyAlerts(null, TimeSpan.FromHours(2), TimeSpan.FromMinutes(20)),
        };

        var manager = Noticed(ASlot.Out(managerFirst), Due).Decide(new NoticeOverdue(Slot1, Due.AddMinutes(20)))
            .OnlyEvent<OverdueEscalated, KeySlotEvent>();

        Assert.Equal((2, EscalationAudience.Manager), (manager.Step, manager.Audience));
    }

    [Fact]
    public void A_return_ends_the_steps_and_the_next_custody_starts_them_again()
    {
        var returned = Noticed(Out(), Due.AddMinutes(30)).Run(new RecordTagReturned(Slot1, Tag1, Alice, Due.AddMinutes(31)));
        Assert.Null(returned.NextStepAt);

        var again = returned.Run(ASlot.Release(G2, Bob, Due.AddHours(1))).Run(new RecordTagRemoved(Slot1, Tag1, Due.AddHours(1)));
        Assert.Equal(Due.AddHours(2).AddMinutes(-15), again.NextStepAt);
    }

    [Fact]
    public void A_key_without_alerts_has_only_its_due_time_and_one_without_a_due_time_has_no_step()
    {
        Assert.Equal(Due, ASlot.Out(new CustodyPolicy(TimeSpan.FromHours(1), null)).NextStepAt);
        Assert.Null(ASlot.Out(CustodyPolicy.Unlimited with { Alerts = Policy.Alerts }).NextStepAt);
    }

    [Fact]
    public void A_snapshot_from_before_the_steps_that_had_noticed_the_overdue_does_not_notice_it_again()
    {
        var old = Out() with { OverdueNoticed = true };

        old.Decide(new NoticeOverdue(Slot1, Due)).AcceptedWithoutEvents();
        Assert.Equal(Due.AddMinutes(30), old.NextStepAt);
    }

    [Fact]
    public void Timings_must_be_positive()
    {
        var bad = new CustodyPolicy(TimeSpan.FromHours(1), null) { Alerts = new CustodyAlerts(TimeSpan.Zero, null, null) };

        ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(bad), Berlin, T0)).Rejected(RejectionCode.Invalid);
    }
}
