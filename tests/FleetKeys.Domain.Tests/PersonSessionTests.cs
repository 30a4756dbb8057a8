using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

public class PersonSessionTests
{
    [Fact]
    public void An_active_entitled_person_opens_a_session()
    {
        var person = APerson.Default();
        var opened = person.Decide(Open(S1)).OnlyEvent<SessionOpened, PersonEvent>();

        Assert.Equal(new SessionOpened(Alice, S1, Cab1, T0 + SessionTtl, 2, T0), opened);
        Assert.Equal([new PersonSession(S1, Cab1, T0 + SessionTtl)], person.Apply(opened).Sessions);
    }

    [Theory]
    [InlineData(PersonStatus.Suspended)]
    [InlineData(PersonStatus.Terminated)]
    public void A_revoked_person_cannot_open_a_session(PersonStatus status)
    {
        APerson.Default().Revoked(status).Decide(Open(S1, T0.AddMinutes(1))).Rejected(RejectionCode.NotActive);
    }

    [Fact]
    public void Status_is_checked_before_the_pin()
    {
        APerson.Default().Revoked(PersonStatus.Suspended)
            .Decide(Open(S1, T0.AddMinutes(1), pin: "0000", pinRequired: true))
            .Rejected(RejectionCode.NotActive);
    }

    [Fact]
    public void Before_valid_from_is_outside_validity()
    {
        var person = new APerson { ValidFrom = T0 }.Build();
        person.Decide(Open(S1, T0.AddTicks(-1))).Rejected(RejectionCode.OutsideValidity);
        person.Decide(Open(S1, T0)).Accepted();
    }

    [Fact]
    public void At_or_after_valid_until_is_outside_validity()
    {
        var person = new APerson { ValidUntil = T0 }.Build();
        person.Decide(Open(S1, T0.AddTicks(-1))).Accepted();
        person.Decide(Open(S1, T0)).Rejected(RejectionCode.OutsideValidity);
        person.Decide(Open(S1, T0.AddDays(1))).Rejected(RejectionCode.OutsideValidity);
    }

    [Fact]
    public void A_required_pin_that_is_missing_is_asked_for()
    {
        APerson.Default().Decide(Open(S1, pin: null, pinRequired: true)).Rejected(RejectionCode.PinRequired);
    }

    [Fact]
    public void A_wrong_pin_is_refused_and_recorded()
    {
        var recorded = APerson.Default().Decide(Open(S1, pin: "0000", pinRequired: true)).RefusedRecording(RejectionCode.WrongPin);

        Assert.Equal([new WrongPinEntered(Alice, Cab1, 1, null, T0)], recorded);
    }

    [Fact]
    public void A_required_pin_without_any_pin_on_record_is_refused()
    {
        new APerson { HasPin = false }.Build()
            .Decide(Open(S1, pin: "0000", pinRequired: true))
            .Rejected(RejectionCode.WrongPin);
    }

    [Fact]
    public void The_right_pin_opens_the_session()
    {
        APerson.Default().Decide(Open(S1, pin: APerson.Pin, pinRequired: true)).OnlyEvent<SessionOpened, PersonEvent>();
    }

    [Fact]
    public void A_pin_stored_in_the_older_unsealed_form_still_opens_the_session()
    {
        var person = new APerson { HasPin = false }.Build().Run(new SetPin(Alice, "4711", PinHashTests.Unsealed, T0.AddDays(-1)));

        person.Decide(Open(S1, pin: "4711", pinRequired: true)).OnlyEvent<SessionOpened, PersonEvent>();
    }

    [Fact]
    public void A_sealed_pin_opens_nothing_without_the_pepper_it_was_sealed_under()
    {
        var otherNode = SealingKey.Derive(new byte[32], "pin-pepper");

        APerson.Default().Decide(Open(S1, pin: APerson.Pin, pinRequired: true) with { PinPepper = null }).RefusedRecording(RejectionCode.WrongPin);
        APerson.Default().Decide(Open(S1, pin: APerson.Pin, pinRequired: true) with { PinPepper = otherNode }).RefusedRecording(RejectionCode.WrongPin);
    }

    [Fact]
    public void Without_a_pin_requirement_no_pin_is_checked()
    {
        var person = APerson.Default();
        person.Decide(Open(S1, pin: null, pinRequired: false)).OnlyEvent<SessionOpened, PersonEvent>();
        person.Decide(Open(S1, pin: "0000", pinRequired: false)).OnlyEvent<SessionOpened, PersonEvent>();
    }

    [Fact]
    public void Without_entitlements_nothing_opens()
    {
        new APerson { Entitlements = [] }.Build().Decide(Open(S1)).Rejected(RejectionCode.NotEntitled);
    }

    [Fact]
    public void An_entitlement_for_another_cabinet_does_not_open_this_one()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab2)] }.Build();
        person.Decide(Open(S1, cabinet: Cab1)).Rejected(RejectionCode.NotEntitled);
        person.Decide(Open(S1, cabinet: Cab2)).Accepted();
    }

    [Fact]
    public void An_entitlement_for_another_site_does_not_open_cabinets_here()
    {
        var person = new APerson { Entitlements = [APerson.AtSite(SiteB)] }.Build();
        person.Decide(Open(S1, site: SiteA)).Rejected(RejectionCode.NotEntitled);
        person.Decide(Open(S1, site: SiteB)).Accepted();
    }

    [Fact]
    public void An_entitlement_naming_a_site_and_a_cabinet_needs_both_to_match()
    {
        var person = new APerson { Entitlements = [new Entitlement(null, SiteB, Cab1, Schedule.Always)] }.Build();
        person.Decide(Open(S1, cabinet: Cab1, site: SiteA)).Rejected(RejectionCode.NotEntitled);
        person.Decide(Open(S1, cabinet: Cab2, site: SiteB)).Rejected(RejectionCode.NotEntitled);
        person.Decide(Open(S1, cabinet: Cab1, site: SiteB)).Accepted();
    }

    [Fact]
    public void An_entitlement_for_this_cabinet_opens_it()
    {
        new APerson { Entitlements = [APerson.At(Cab1, Vault)] }.Build().Decide(Open(S1, cabinet: Cab1)).Accepted();
    }

    [Fact]
    public void The_session_opens_return_only_when_the_limit_is_reached()
    {
        var person = new APerson { MaxKeys = 1 }.Build().Holding(Slot1, G1, S1);
        var opened = person.Decide(Open(S2, T0.AddMinutes(1))).OnlyEvent<SessionOpened, PersonEvent>();
        Assert.Equal(0, opened.RemainingCapacity);
    }

    [Fact]
    public void Remaining_capacity_counts_held_keys_and_pending_grants()
    {
        var person = new APerson { MaxKeys = 3 }.Build()
            .Holding(Slot1, G1, S1)
            .WithGrant(G2, S1, Slot2, T0.AddSeconds(20));

        var opened = person.Decide(Open(S2, T0.AddSeconds(25))).OnlyEvent<SessionOpened, PersonEvent>();
        Assert.Equal(1, opened.RemainingCapacity);
    }

    [Fact]
    public void Remaining_capacity_never_goes_negative()
    {
        var person = new APerson { MaxKeys = 2 }.Build().Holding(Slot1, G1, S1).Holding(Slot2, G2, S1, T0.AddSeconds(10));
        // The limit was lowered while two keys were out (there is no command for it yet, so the state is edited).
        person = person with { MaxKeys = 1 };
        Assert.Equal(0, person.Decide(Open(S2, T0.AddMinutes(1))).OnlyEvent<SessionOpened, PersonEvent>().RemainingCapacity);
    }

    [Fact]
    public void Opening_a_session_drops_sessions_that_have_expired()
    {
        var person = APerson.Default().WithSession(S1, T0).WithSession(S2, T0 + SessionTtl);
        Assert.Equal([S2], person.Sessions.Select(s => s.Session));
    }

    [Fact]
    public void Closing_a_session_is_idempotent()
    {
        var person = APerson.Default().WithSession(S1);
        var closed = person.Decide(new CloseSession(Alice, S1, T0.AddSeconds(30))).OnlyEvent<SessionClosed, PersonEvent>();
        person = person.Apply(closed);
        Assert.Empty(person.Sessions);

        person.Decide(new CloseSession(Alice, S1, T0.AddSeconds(31))).AcceptedWithoutEvents();
    }
}
