namespace FleetKeys.Domain.Tests;

public class CabinetSessionTests
{
    [Fact]
    public void A_session_opened_at_the_cabinet_is_recorded()
    {
        var cabinet = ACabinet.Registered();
        var opened = cabinet.Decide(new RecordSessionOpened(Cab1, S1, Alice, Badge1, T0 + SessionTtl, T0))
            .OnlyEvent<CabinetSessionOpened, CabinetEvent>();
        Assert.Equal(new CabinetSessionOpened(Cab1, S1, Alice, Badge1, T0 + SessionTtl, T0, SiteA), opened);
        Assert.Equal([new CabinetSession(S1, Alice, T0, T0 + SessionTtl)], cabinet.Apply(opened).Sessions);
    }

    [Fact]
    public void Opening_a_session_drops_the_expired_ones()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0).WithSession(S2, Bob, T0 + SessionTtl);
        Assert.Equal([S2], cabinet.Sessions.Select(s => s.Session));
    }

    [Fact]
    public void A_denial_is_recorded_without_changing_the_state()
    {
        var cabinet = ACabinet.Registered();
        var denied = cabinet.Decide(new RecordAccessDenied(Cab1, Badge1, null, RejectionCode.UnknownBadge, T0))
            .OnlyEvent<AccessDenied, CabinetEvent>();
        Assert.Equal(new AccessDenied(Cab1, Badge1, null, RejectionCode.UnknownBadge, T0, Site: SiteA), denied);
        Assert.Same(cabinet, cabinet.Apply(denied));
    }

    [Fact]
    public void Ending_a_session_is_idempotent()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        var closed = cabinet.Decide(new EndSession(Cab1, S1, T0.AddSeconds(30))).OnlyEvent<CabinetSessionClosed, CabinetEvent>();
        Assert.Equal(new CabinetSessionClosed(Cab1, S1, T0.AddSeconds(30)), closed);

        cabinet = cabinet.Apply(closed);
        Assert.Empty(cabinet.Sessions);
        cabinet.Decide(new EndSession(Cab1, S1, T0.AddSeconds(31))).AcceptedWithoutEvents();
        cabinet.Decide(new EndSession(Cab1, S2, T0.AddSeconds(31))).AcceptedWithoutEvents();
    }

    [Fact]
    public void The_person_at_the_cabinet_is_the_one_who_badged_last()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0).WithSession(S2, Bob, T0.AddSeconds(10));
        Assert.Equal(Bob, cabinet.PersonAtCabinet(T0.AddSeconds(20))?.Person);
    }

    [Fact]
    public void The_person_at_the_cabinet_is_the_latest_whose_session_has_not_expired()
    {
        // Bob badged later but with a shorter session that has run out; Alice's still runs.
        var cabinet = ACabinet.Registered()
            .WithSession(S1, Alice, T0, TimeSpan.FromMinutes(5))
            .WithSession(S2, Bob, T0.AddSeconds(10), TimeSpan.FromSeconds(30));

        Assert.Equal(Bob, cabinet.PersonAtCabinet(T0.AddSeconds(39))?.Person);
        Assert.Equal(Alice, cabinet.PersonAtCabinet(T0.AddSeconds(40))?.Person);
        Assert.Null(cabinet.PersonAtCabinet(T0.AddMinutes(5)));
    }

    [Fact]
    public void Nobody_is_at_a_cabinet_without_sessions()
    {
        Assert.Null(ACabinet.Registered().PersonAtCabinet(T0));
    }

    [Fact]
    public void A_key_is_selectable_inside_an_open_session()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        Assert.Null(cabinet.CheckSelectable(S1, 1, T0.AddSeconds(10)));
        Assert.Equal(Alice, cabinet.SessionOf(S1).Person);
    }

    [Fact]
    public void Nothing_is_selectable_outside_a_session()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        Assert.Equal(RejectionCode.SessionNotOpen, cabinet.CheckSelectable(S2, 1, T0.AddSeconds(10))?.Code);
        Assert.Equal(RejectionCode.SessionNotOpen, cabinet.CheckSelectable(S1, 1, T0 + SessionTtl)?.Code);
        Assert.Equal(RejectionCode.SessionNotOpen,
            cabinet.Run(new EndSession(Cab1, S1, T0.AddSeconds(5))).CheckSelectable(S1, 1, T0.AddSeconds(10))?.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ACabinet.Slots + 1)]
    public void A_slot_outside_the_cabinet_is_not_selectable(int slot)
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        Assert.Equal(RejectionCode.UnknownSlot, cabinet.CheckSelectable(S1, slot, T0.AddSeconds(10))?.Code);
    }

    [Fact]
    public void A_slot_with_no_key_homed_is_not_selectable()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        Assert.Equal(RejectionCode.KeyNotPresent, cabinet.CheckSelectable(S1, 3, T0.AddSeconds(10))?.Code);
    }
}
