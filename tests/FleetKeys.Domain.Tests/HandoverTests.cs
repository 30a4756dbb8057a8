using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>A key passes from its holder to another person without going back to the cabinet.</summary>
public class HandoverTests
{
    private static readonly DateTimeOffset HandedAt = T0.AddHours(3);
    private static readonly HandoverOrigin ByOps = new("ops", "shift change");
    private static readonly CustodyPolicy FourHours = new(TimeSpan.FromHours(4), null);

    private static HandOverKey HandOver(PersonId from, PersonId to, DateTimeOffset? at = null) => new(Slot1, G2, from, to, ByOps, at ?? HandedAt);

    private static RequestHandoverGrant Receive(PersonId person, DateTimeOffset? at = null, bool returnFirst = false, KeyGroup? group = null)
    {
        var when = at ?? HandedAt;
        return new RequestHandoverGrant(person, G2, Slot1, group ?? Vans, SiteA, UtcZone, when, when + ReleaseWindow, null, returnFirst);
    }

    [Fact]
    public void The_key_passes_to_the_receiver_with_a_new_custody_and_a_due_time_from_the_handover()
    {
        var handed = ASlot.Out(FourHours).Decide(HandOver(Alice, Bob)).OnlyEvent<KeyHandedOver, KeySlotEvent>();
        Assert.Equal((Alice, Bob, HandedAt.AddHours(4), false), (handed.From, handed.To, handed.DueAt, handed.WasOverdue));

        var after = ASlot.Out(FourHours).Apply(handed);
        Assert.Equal((CustodyStatus.Out, Bob, G2, HandedAt, HandedAt.AddHours(4), Bob),
            (after.Status, after.Holder, after.Grant, after.Since, after.DueAt, after.LastHolder));
        Assert.Equal(Alice, after.HandedOverBy);
    }

    /// <summary>The handover names the key's site, passed with it by the slot's shell from the request, so its reason is kept there.</summary>
    [Fact]
    public void A_handover_names_the_site_it_was_passed_with()
    {
        Assert.Equal(SiteA, ASlot.Out(FourHours).Decide(HandOver(Alice, Bob) with { Site = SiteA }).OnlyEvent<KeyHandedOver, KeySlotEvent>().Site);
    }

    [Fact]
    public void The_givers_overdue_ends_with_their_custody_and_the_receivers_clock_starts_afresh()
    {
        var overdue = ASlot.Out(new CustodyPolicy(TimeSpan.FromHours(1), null)).Run(new NoticeOverdue(Slot1, T0.AddHours(2)));
        Assert.True(overdue.StepsRecorded.HasFlag(CustodySteps.Overdue));

        var handed = overdue.Decide(HandOver(Alice, Bob)).OnlyEvent<KeyHandedOver, KeySlotEvent>();
        Assert.True(handed.WasOverdue);

        var after = overdue.Apply(handed);
        Assert.Equal(CustodySteps.None, after.StepsRecorded);
        Assert.False(after.IsOverdue(HandedAt.AddMinutes(59)));
        Assert.Equal(HandedAt.AddHours(1), after.NextStepAt);
    }

    [Fact]
    public void A_return_after_a_handover_ends_the_receivers_custody()
    {
        var after = ASlot.Out().Run(HandOver(Alice, Bob)).Run(new RecordTagReturned(Slot1, Tag1, Bob, HandedAt.AddHours(1)));
        Assert.Equal((CustodyStatus.InSlot, Bob, (PersonId?)null), (after.Status, after.LastHolder, after.HandedOverBy));
    }

    [Fact]
    public void Only_a_key_that_is_out_can_be_handed_over()
    {
        ASlot.InSlot().Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.Conflict);
        ASlot.Released().Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.Conflict);
        ASlot.Unassigned().Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.KeyNotPresent);
    }

    [Fact]
    public void Only_the_holder_hands_the_key_over_at_a_cabinet() =>
        Assert.Equal(RejectionCode.Conflict, ASlot.Out().CheckHandover(Carol, Bob, HandedAt)!.Code);

    [Fact]
    public void The_control_room_hands_over_from_whoever_holds_the_key() =>
        Assert.Null(ASlot.Out().CheckHandover(null, Bob, HandedAt));

    [Fact]
    public void The_receiver_must_be_someone_other_than_the_holder()
    {
        var refused = ASlot.Out().Decide(HandOver(Alice, Alice)).Rejected(RejectionCode.Conflict);
        Assert.Contains("holds key", refused.Message);
    }

    [Fact]
    public void A_key_under_the_approval_rule_is_not_handed_over()
    {
        var approvalOnly = new CustodyPolicy(null, null)
        {
            Approval = new ApprovalRule(ApproverKind.Person, Carol, TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)),
        };
        var refused = ASlot.Out(approvalOnly).Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.ApprovalRequired);
        Assert.Contains("let bob request it", refused.Message);
    }

    [Fact]
    public void A_key_with_a_critical_fault_is_not_handed_over()
    {
        var faulted = ASlot.Out().Run(new ReportFault(Slot1, new FaultId(new Guid(1, 4, 0, new byte[8])), FaultSeverity.Critical, "brakes",
            Alice, "ops", T0.AddHours(1)));
        faulted.Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.KeyFaulted);
    }

    [Fact]
    public void A_key_booked_for_someone_else_is_handed_only_to_the_booker()
    {
        var booked = ASlot.Out().Run(new ReserveKey(Slot1, new ReservationId(new Guid(1, 2, 0, new byte[8])), Carol, HandedAt.AddMinutes(30),
            HandedAt.AddHours(2), TimeSpan.FromHours(1), T0.AddHours(1)));
        booked.Decide(HandOver(Alice, Bob)).Rejected(RejectionCode.Reserved);
        booked.Decide(HandOver(Alice, Carol)).Accepted();
    }

    [Fact]
    public void The_receiver_is_granted_the_key_against_their_limit()
    {
        var issued = APerson.Default().Decide(Receive(Alice)).OnlyEvent<GrantIssued, PersonEvent>();
        Assert.Equal((G2, Slot1, HandedAt + ReleaseWindow), (issued.Grant, issued.Slot, issued.ExpiresAt));
        Assert.Equal(1, APerson.Default().Apply(issued).KeysCommitted(HandedAt));
    }

    [Fact]
    public void A_receiver_at_their_limit_is_refused()
    {
        var full = (new APerson { MaxKeys = 1 }).Build().Holding(Slot2, G1, S1);
        full.Decide(Receive(Alice)).Rejected(RejectionCode.LimitReached);
    }

    [Fact]
    public void A_return_first_key_is_not_handed_to_someone_holding_another_key() =>
        APerson.Default().Holding(Slot2, G1, S1).Decide(Receive(Alice, returnFirst: true)).Rejected(RejectionCode.ReturnFirst);

    [Fact]
    public void A_receiver_not_entitled_to_the_keys_group_is_refused() =>
        (new APerson { Entitlements = [APerson.ForGroup(Vault)] }).Build().Decide(Receive(Alice)).Rejected(RejectionCode.NotEntitled);

    [Fact]
    public void A_receiver_outside_their_schedule_is_refused()
    {
        var nights = new Schedule([new WeeklyWindow([DayOfWeek.Monday], new TimeOnly(20, 0), new TimeOnly(23, 0))]);
        (new APerson { Entitlements = [APerson.ForGroup(Vans, nights)] }).Build().Decide(Receive(Alice)).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void A_revoked_receiver_is_refused() =>
        APerson.Default().Revoked(PersonStatus.Suspended).Decide(Receive(Alice)).Rejected(RejectionCode.NotActive);

    [Fact]
    public void Both_journals_record_the_handover_and_the_held_keys_follow()
    {
        var giver = APerson.Default().Holding(Slot1, G1, S1);
        var receiver = (new APerson { Id = Bob }).Build();
        receiver = receiver.Run(Receive(Bob));

        var received = receiver.Decide(new ConfirmReceived(Bob, G2, Slot1, Alice, HandedAt)).OnlyEvent<KeyReceived, PersonEvent>();
        receiver = receiver.Apply(received);
        Assert.Equal([Slot1], receiver.Held);
        Assert.Empty(receiver.Grants);
        Assert.Equal(1, receiver.KeysCommitted(HandedAt));

        var passed = giver.Decide(new ConfirmPassedOn(Alice, Slot1, Bob, HandedAt)).OnlyEvent<KeyPassedOn, PersonEvent>();
        Assert.Equal(Bob, passed.To);
        Assert.Empty(giver.Apply(passed).Held);
    }

    [Fact]
    public void Repeated_confirmations_are_recorded_once()
    {
        var receiver = (new APerson { Id = Bob }).Build().Run(Receive(Bob)).Run(new ConfirmReceived(Bob, G2, Slot1, Alice, HandedAt));
        receiver.Decide(new ConfirmReceived(Bob, G2, Slot1, Alice, HandedAt)).AcceptedWithoutEvents();
        APerson.Default().Decide(new ConfirmPassedOn(Alice, Slot1, Bob, HandedAt)).AcceptedWithoutEvents();
    }
}
