using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

public class PersonGrantTests
{
    private static readonly DateTimeOffset Now = T0.AddSeconds(20);

    [Fact]
    public void A_grant_is_issued_inside_an_open_session_at_the_slot_cabinet()
    {
        var person = APerson.Default().WithSession(S1);
        var issued = person.Decide(Grant(G1, S1, Slot1, Now)).OnlyEvent<GrantIssued, PersonEvent>();

        Assert.Equal(new GrantIssued(Alice, G1, S1, Slot1, Now + ReleaseWindow, Now), issued);
        person = person.Apply(issued);
        Assert.Equal([new PendingGrant(G1, S1, Slot1, Now + ReleaseWindow)], person.Grants);
        Assert.Equal(1, person.KeysCommitted(Now));
    }

    [Fact]
    public void Without_a_session_there_is_no_grant()
    {
        APerson.Default().Decide(Grant(G1, S1, Slot1, Now)).Rejected(RejectionCode.SessionNotOpen);
    }

    [Fact]
    public void A_session_at_another_cabinet_does_not_cover_this_slot()
    {
        var person = APerson.Default().WithSession(S1, cabinet: Cab2);
        person.Decide(Grant(G1, S1, Slot1, Now)).Rejected(RejectionCode.SessionNotOpen);
        person.Decide(Grant(G1, S1, Cab2Slot1, Now)).Accepted();
    }

    [Fact]
    public void A_key_sitting_in_another_cabinet_of_its_return_group_is_granted_on_a_session_there()
    {
        var person = APerson.Default().WithSession(S1, cabinet: Cab2);
        person.Decide(Grant(G1, S1, Slot1, Now) with { ChosenAt = Cab2 }).Accepted();
        APerson.Default().WithSession(S1).Decide(Grant(G1, S1, Slot1, Now) with { ChosenAt = Cab2 }).Rejected(RejectionCode.SessionNotOpen);
    }

    [Fact]
    public void Another_session_id_does_not_count()
    {
        APerson.Default().WithSession(S1).Decide(Grant(G1, S2, Slot1, Now)).Rejected(RejectionCode.SessionNotOpen);
    }

    [Fact]
    public void An_expired_session_gives_no_grant()
    {
        var person = APerson.Default().WithSession(S1, T0);
        person.Decide(Grant(G1, S1, Slot1, T0 + SessionTtl - TimeSpan.FromTicks(1))).Accepted();
        person.Decide(Grant(G1, S1, Slot1, T0 + SessionTtl)).Rejected(RejectionCode.SessionNotOpen);
    }

    [Fact]
    public void A_closed_session_gives_no_grant()
    {
        APerson.Default().WithSession(S1).Run(new CloseSession(Alice, S1, T0.AddSeconds(5)))
            .Decide(Grant(G1, S1, Slot1, Now)).Rejected(RejectionCode.SessionNotOpen);
    }

    [Fact]
    public void An_entitlement_for_one_key_group_covers_only_that_group()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab1, Vans)] }.Build().WithSession(S1);
        person.Decide(Grant(G1, S1, Slot1, Now, group: Vans)).Accepted();
        person.Decide(Grant(G1, S1, Slot1, Now, group: Vault)).Rejected(RejectionCode.NotEntitled);
    }

    [Fact]
    public void An_entitlement_without_a_group_covers_every_group()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab1, group: null)] }.Build().WithSession(S1);
        person.Decide(Grant(G1, S1, Slot1, Now, group: Vans)).Accepted();
        person.Decide(Grant(G1, S1, Slot1, Now, group: Vault)).Accepted();
    }

    [Fact]
    public void A_group_entitlement_at_another_site_does_not_cover_the_key_here()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab1, Vans), APerson.AtSite(SiteB, Vault)] }.Build().WithSession(S1);
        person.Decide(Grant(G1, S1, Slot1, Now, group: Vault, site: SiteA)).Rejected(RejectionCode.NotEntitled);
    }

    [Fact]
    public void A_grant_is_refused_when_the_validity_ends_during_the_session()
    {
        var person = new APerson { ValidUntil = T0.AddSeconds(15) }.Build().WithSession(S1, T0);
        person.Decide(Grant(G1, S1, Slot1, Now)).Rejected(RejectionCode.OutsideValidity);
    }

    [Fact]
    public void Held_keys_and_pending_grants_together_reach_the_limit()
    {
        // MaxKeys 2: one key held, one grant pending → a third request is over the limit.
        var person = new APerson { MaxKeys = 2 }.Build()
            .Holding(Slot1, G1, S1, T0)
            .WithGrant(G2, S1, Slot2, T0.AddSeconds(15));

        person.Decide(Grant(G3, S1, Slot3, Now)).Rejected(RejectionCode.LimitReached);
    }

    [Fact]
    public void Pending_grants_alone_reach_the_limit()
    {
        var person = new APerson { MaxKeys = 1 }.Build().WithSession(S1).WithGrant(G1, S1, Slot1, T0);
        person.Decide(Grant(G2, S1, Slot2, Now)).Rejected(RejectionCode.LimitReached);
    }

    [Fact]
    public void A_person_with_no_allowance_gets_no_grant()
    {
        new APerson { MaxKeys = 0 }.Build().WithSession(S1).Decide(Grant(G1, S1, Slot1, Now)).Rejected(RejectionCode.LimitReached);
    }

    [Fact]
    public void A_pending_grant_that_has_expired_no_longer_counts()
    {
        var person = new APerson { MaxKeys = 1 }.Build().WithSession(S1).WithGrant(G1, S1, Slot1, T0);
        var g1Expiry = T0 + ReleaseWindow;

        person.Decide(Grant(G2, S1, Slot2, g1Expiry - TimeSpan.FromTicks(1))).Rejected(RejectionCode.LimitReached);
        var issued = person.Decide(Grant(G2, S1, Slot2, g1Expiry)).OnlyEvent<GrantIssued, PersonEvent>();

        // Issuing the next grant also drops the expired one from the state.
        Assert.Equal([G2], person.Apply(issued).Grants.Select(g => g.Grant));
    }

    [Fact]
    public void A_lapsed_grant_frees_its_place()
    {
        var person = new APerson { MaxKeys = 1 }.Build().WithSession(S1).WithGrant(G1, S1, Slot1, T0)
            .Run(new ConfirmGrantLapsed(Alice, G1, T0.AddSeconds(10)));
        person.Decide(Grant(G2, S1, Slot2, Now)).Accepted();
    }

    [Fact]
    public void A_key_handed_back_frees_its_place()
    {
        var person = new APerson { MaxKeys = 1 }.Build().Holding(Slot1, G1, S1, T0)
            .Run(new ConfirmReturned(Alice, Slot1, T0.AddSeconds(15)));
        person.Decide(Grant(G2, S1, Slot2, Now)).Accepted();
    }
}
