using Akka.Actor;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Sites;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The lookups of a badge at the cabinet, with the other entities played by probes: the site's holidays and the badge's
/// holder do not depend on each other, so both are asked at once — while a node starts each may wait for its entity's
/// recovery, and the person at the cabinet waits for the slower of the two, not both in turn.
/// </summary>
public sealed class CabinetBadgePathSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CabinetId Cabinet = new("cab-1");
    private static readonly SiteId Site = new("hq");
    private static readonly BadgeNumber Badge = BadgeNumber.Parse("0A0B0C0D");
    private static readonly PersonId Holder = new("alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TestProbe _sites;
    private readonly TestProbe _credentials;
    private readonly TestProbe _people;
    private readonly CabinetAlone _alone;

    public CabinetBadgePathSpecs()
    {
        _alone = new CabinetAlone(this, _clock);
        (_sites, _credentials, _people) = (_alone.Sites, _alone.Credentials, _alone.People);
    }

    private DateTimeOffset At => _clock.GetUtcNow();

    private IActorRef RegisteredCabinet() => _alone.Registered(Cabinet, Site);

    [Fact]
    public void A_badge_asks_for_its_holder_and_the_sites_holidays_at_once_and_opens_the_session_with_both()
    {
        var cabinet = RegisteredCabinet();
        var holiday = new DateOnly(2026, 12, 25);

        cabinet.Tell(new PresentBadge(Cabinet, Badge, null, At), TestActor);

        // Neither is answered before the other has been asked.
        _sites.ExpectMsg<GetSite>(g => Assert.Equal(Site, g.Site));
        _credentials.ExpectMsg<ResolveBadge>(r => Assert.Equal(Badge, r.Badge));
        _credentials.Reply(new BadgeResolution(Badge, Holder));
        _sites.Reply(new SiteDetails(Site, true, "HQ", "UTC", [holiday]));

        var open = _people.ExpectMsg<OpenSession>();
        Assert.Equal(Holder, open.Person);
        Assert.Equal([holiday], open.Holidays);
        _people.Reply(new SessionOpened(Holder, open.Session, Cabinet, open.ExpiresAt, 2, At));
        var granted = ExpectMsg<AccessGranted>();
        Assert.Equal((Holder, open.Session), (granted.Person, granted.Session));
    }

    [Fact]
    public void A_site_that_refuses_refuses_the_badge_whatever_the_badge_resolves_to()
    {
        var cabinet = RegisteredCabinet();
        var unavailable = Rejection.Of(RejectionCode.Unavailable, "the site did not answer");

        cabinet.Tell(new PresentBadge(Cabinet, Badge, null, At), TestActor);

        _sites.ExpectMsg<GetSite>();
        _credentials.ExpectMsg<ResolveBadge>();
        _credentials.Reply(new BadgeResolution(Badge, Holder));
        _sites.Reply(unavailable);

        Assert.Equal(unavailable, ExpectMsg<Rejection>());
        Assert.False(_people.HasMessages);
    }

    [Fact]
    public void A_badge_nobody_holds_is_denied_once_the_site_has_answered()
    {
        var cabinet = RegisteredCabinet();

        cabinet.Tell(new PresentBadge(Cabinet, Badge, null, At), TestActor);

        _sites.ExpectMsg<GetSite>();
        _credentials.ExpectMsg<ResolveBadge>();
        _credentials.Reply(new BadgeResolution(Badge, null));
        _sites.Reply(new SiteDetails(Site, true, "HQ", "UTC", []));

        Assert.Equal(RejectionCode.UnknownBadge, ExpectMsg<Rejection>().Code);
        Assert.False(_people.HasMessages);
    }
}
