namespace FleetKeys.Domain.Tests;

/// <summary>
/// Approval before release: a request for the key is approved or refused within the window, lapses without a decision, and
/// an approval is a grant the requester alone redeems, once, within its validity.
/// </summary>
public class ApprovalTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Validity = TimeSpan.FromHours(1);
    private static readonly CustodyPolicy NeedsApproval = new(null, null) { Approval = new ApprovalRule(ApproverKind.Person, Carol, Window, Validity) };
    private static readonly ApprovalRequestId R1 = new(Slot1, new Guid(1, 2, 0, new byte[8]));
    private static readonly ApprovalRequestId R2 = new(Slot1, new Guid(2, 2, 0, new byte[8]));

    private static FileApprovalRequest File(ApprovalRequestId? id = null, PersonId? person = null, DateTimeOffset? at = null, string? reason = "gas leak, block C") =>
        new(Slot1, id ?? R1, person ?? Alice, reason, "ops", at ?? T0);

    private static DecideApprovalRequest Decide(bool approve, DateTimeOffset at, ApprovalRequestId? id = null) =>
        new(Slot1, id ?? R1, approve, "ops-console", "ok for the night shift", at);

    private static KeySlotState Filed() => ASlot.InSlot(NeedsApproval).Run(File());

    private static KeySlotState Approved() => Filed().Run(Decide(true, T0.AddMinutes(10)));

    /// <summary>The request keeps the site it was filed for, and the decision on it names the same, so its note is kept there too.</summary>
    [Fact]
    public void A_request_and_the_decision_on_it_name_the_site_the_request_was_filed_for()
    {
        var filed = ASlot.InSlot(NeedsApproval).Run(File() with { Site = SiteA });

        Assert.Equal(SiteA, Assert.Single(filed.Approvals).Site);
        Assert.Equal(SiteA, filed.Decide(Decide(true, T0.AddMinutes(10))).OnlyEvent<ApprovalGranted, KeySlotEvent>().Site);
        Assert.Equal(SiteA, filed.Decide(Decide(false, T0.AddMinutes(10))).OnlyEvent<ApprovalRefused, KeySlotEvent>().Site);
        Assert.Null(Filed().Decide(Decide(true, T0.AddMinutes(10))).OnlyEvent<ApprovalGranted, KeySlotEvent>().Site);
    }

    [Fact]
    public void A_request_is_filed_with_its_window_and_the_approver_the_rule_names()
    {
        var filed = ASlot.InSlot(NeedsApproval).Decide(File()).OnlyEvent<ApprovalRequested, KeySlotEvent>();

        Assert.Equal((Alice, T0 + Window, ApproverKind.Person, (PersonId?)Carol, "gas leak, block C"),
            (filed.Request.Person, filed.Request.DecideBy, filed.Request.Approver, filed.Request.ApproverPerson, filed.Request.Reason));
        Assert.Equal(T0 + Window, Filed().NextApprovalDeadline);
    }

    [Fact]
    public void A_request_is_refused_for_a_key_without_the_rule_a_missing_key_or_a_long_reason()
    {
        ASlot.InSlot().Decide(File()).Rejected(RejectionCode.Invalid);
        ASlot.Unassigned().Decide(File()).Rejected(RejectionCode.KeyNotPresent);
        Assert.Equal("reason", ASlot.InSlot(NeedsApproval).Decide(File(reason: new string('x', 201))).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void A_request_is_only_for_someone_who_could_take_the_key_once_approved()
    {
        var ask = new MayRequestKey(Alice, Slot1, Vans, SiteA, T0);
        new APerson().Build().Decide(ask).AcceptedWithoutEvents();
        var notTheirs = new APerson { Entitlements = [APerson.ForGroup(Vault)] }.Build().Decide(ask).Rejected(RejectionCode.NotEntitled);
        Assert.Contains(Slot1.ToString(), notTheirs.Message);
        new APerson().Build().Revoked(PersonStatus.Suspended).Decide(ask).Rejected(RejectionCode.NotActive);

        // Not the hour: a request may be filed ahead of the shift it is for; the release checks the schedule when it comes.
        var sundays = new Schedule([new WeeklyWindow([DayOfWeek.Sunday], new(7, 0), new(19, 0))]);
        new APerson { Entitlements = [APerson.ForGroup(Vans, sundays)] }.Build().Decide(ask).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_person_has_one_open_request_per_key_and_a_repeat_of_the_same_is_recorded_once()
    {
        Filed().Decide(File()).AcceptedWithoutEvents();
        Filed().Decide(File(R2)).Rejected(RejectionCode.Conflict);
        Filed().Decide(File(R2, Bob)).Accepted();
        Filed().Decide(File(R2, at: T0 + Window + TimeSpan.FromSeconds(1))).Accepted();
    }

    [Fact]
    public void Without_an_approval_the_key_is_refused_and_the_refusal_says_where_the_request_stands()
    {
        var none = ASlot.InSlot(NeedsApproval).CheckApproval(Alice, T0);
        Assert.Equal(RejectionCode.ApprovalRequired, none!.Code);
        Assert.Contains("carol", none.Message);
        var pending = Filed().CheckApproval(Alice, T0.AddMinutes(1));
        Assert.Equal(RejectionCode.ApprovalRequired, pending!.Code);
        Assert.Contains(R1.Value, pending.Message);
        Assert.Null(ASlot.InSlot().CheckApproval(Alice, T0));
    }

    [Fact]
    public void An_approval_within_the_window_is_a_grant_valid_for_the_rules_validity()
    {
        var approved = Filed().Decide(Decide(true, T0.AddMinutes(10))).OnlyEvent<ApprovalGranted, KeySlotEvent>();

        Assert.Equal((Alice, T0.AddMinutes(10) + Validity, "ops-console"), (approved.Person, approved.ValidUntil, approved.By));
        Assert.Null(Approved().CheckApproval(Alice, T0.AddMinutes(10) + Validity));
        Assert.Equal(RejectionCode.ApprovalRequired, Approved().CheckApproval(Alice, T0.AddMinutes(10) + Validity + TimeSpan.FromSeconds(1))!.Code);
    }

    [Fact]
    public void Another_person_cannot_redeem_someone_elses_approval()
    {
        Assert.Equal(RejectionCode.ApprovalRequired, Approved().CheckApproval(Bob, T0.AddMinutes(11))!.Code);
        Assert.Empty(Approved().Decide(ASlot.Release(G1, Bob, T0.AddMinutes(11))).Accepted().OfType<ApprovalRedeemed>());
    }

    [Fact]
    public void A_refused_request_is_closed_and_grants_nothing()
    {
        var refused = Filed().Decide(Decide(false, T0.AddMinutes(5))).OnlyEvent<ApprovalRefused, KeySlotEvent>();
        var slot = Filed().Apply(refused);

        Assert.Equal(ApprovalStatus.Refused, slot.Approvals.Single().Status);
        Assert.Equal(RejectionCode.ApprovalRequired, slot.CheckApproval(Alice, T0.AddMinutes(6))!.Code);
        Assert.Null(slot.NextApprovalDeadline);
    }

    [Fact]
    public void A_request_is_decided_once_and_not_after_its_window()
    {
        Approved().Decide(Decide(false, T0.AddMinutes(11))).Rejected(RejectionCode.Conflict);
        Filed().Run(Decide(false, T0.AddMinutes(5))).Decide(Decide(true, T0.AddMinutes(6))).Rejected(RejectionCode.Conflict);
        Assert.Contains("lapsed", Filed().Decide(Decide(true, T0 + Window + TimeSpan.FromSeconds(1))).Rejected(RejectionCode.Conflict).Message);
        Filed().Decide(Decide(true, T0, R2)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void A_request_undecided_when_its_window_ends_lapses_once()
    {
        Filed().Decide(new NoticeApprovalDeadlines(Slot1, T0 + Window - TimeSpan.FromSeconds(1))).AcceptedWithoutEvents();
        var lapsed = Filed().Decide(new NoticeApprovalDeadlines(Slot1, T0 + Window)).OnlyEvent<ApprovalLapsed, KeySlotEvent>();
        var slot = Filed().Apply(lapsed);

        Assert.Equal((ApprovalStatus.Lapsed, T0 + Window), (slot.Approvals.Single().Status, lapsed.DecideBy));
        slot.Decide(new NoticeApprovalDeadlines(Slot1, T0 + Window.Multiply(2))).AcceptedWithoutEvents();
        slot.Decide(Decide(true, T0 + Window)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void An_approval_not_redeemed_within_its_validity_expires()
    {
        var until = T0.AddMinutes(10) + Validity;
        Assert.Equal(until, Approved().NextApprovalDeadline);
        var expired = Approved().Decide(new NoticeApprovalDeadlines(Slot1, until)).OnlyEvent<ApprovalExpired, KeySlotEvent>();

        Assert.Equal(ApprovalStatus.Expired, Approved().Apply(expired).Approvals.Single().Status);
    }

    [Fact]
    public void The_release_to_the_requester_redeems_the_approval_once()
    {
        var release = Approved().Decide(ASlot.Release(G1, Alice, T0.AddMinutes(20))).Accepted();
        var redeemed = Assert.Single(release.OfType<ApprovalRedeemed>());
        Assert.Equal((R1, G1), (redeemed.Request, redeemed.Grant));

        var returned = Approved().Run(ASlot.Release(G1, Alice, T0.AddMinutes(20)))
            .Run(new RecordTagRemoved(Slot1, Tag1, T0.AddMinutes(21)))
            .Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddMinutes(30)));
        Assert.Equal(ApprovalStatus.Redeemed, returned.Approvals.Single().Status);
        Assert.Equal(RejectionCode.ApprovalRequired, returned.CheckApproval(Alice, T0.AddMinutes(31))!.Code);
        Assert.Null(returned.NextApprovalDeadline);
    }

    [Fact]
    public void A_remote_release_redeems_nothing()
    {
        var remote = ASlot.Release(G1, Alice, T0.AddMinutes(20)) with { Remote = new RemoteRelease("vault audit", "ops") };
        Assert.Empty(Approved().Decide(remote).Accepted().OfType<ApprovalRedeemed>());
    }

    [Fact]
    public void The_slot_remembers_only_the_latest_closed_requests()
    {
        var slot = ASlot.InSlot(NeedsApproval);
        for (var i = 0; i < KeySlotState.ClosedApprovalsKept + 3; i++)
        {
            var id = new ApprovalRequestId(Slot1, Guid.NewGuid());
            slot = slot.Run(File(id, at: T0.AddMinutes(i))).Run(Decide(false, T0.AddMinutes(i), id));
        }

        Assert.Equal(KeySlotState.ClosedApprovalsKept, slot.Approvals.Count);
        Assert.Equal(T0.AddMinutes(3), slot.Approvals[0].RequestedAt);
    }

    [Fact]
    public void An_approval_rule_is_checked_when_the_key_is_assigned()
    {
        ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(NeedsApproval), Berlin, T0)).Accepted();
        foreach (var bad in new[]
                 {
                     new ApprovalRule(ApproverKind.Person, null, Window, Validity),
                     new ApprovalRule(ApproverKind.Manager, Carol, Window, Validity),
                     new ApprovalRule(ApproverKind.Security, null, TimeSpan.Zero, Validity),
                     new ApprovalRule(ApproverKind.Security, null, ApprovalRule.MaxWindow + TimeSpan.FromMinutes(1), Validity),
                     new ApprovalRule(ApproverKind.Manager, null, Window, ApprovalRule.MaxValidity + TimeSpan.FromMinutes(1)),
                 })
            ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(new CustodyPolicy(null, null) { Approval = bad }), Berlin, T0))
                .Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_key_under_the_approval_rule_is_never_released_offline()
    {
        Assert.True(NeedsApproval.OnlineOnly);
        Assert.False(CustodyPolicy.Unlimited.OnlineOnly);
    }
}
