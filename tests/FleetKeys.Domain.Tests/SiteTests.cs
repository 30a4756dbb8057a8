namespace FleetKeys.Domain.Tests;

public class SiteTests
{
    [Fact]
    public void Registering_a_site()
    {
        var registered = SiteState.Empty(SiteA).Decide(new RegisterSite(SiteA, "Depot A", Berlin, T0)).OnlyEvent<SiteRegistered, SiteEvent>();
        Assert.Equal(new SiteRegistered(SiteA, "Depot A", Berlin, T0), registered);

        var site = SiteState.Empty(SiteA).Apply(registered);
        Assert.True(site.Registered);
        Assert.Equal("Depot A", site.Name);
        Assert.Equal(Berlin, site.TimeZoneId);
    }

    [Fact]
    public void An_unknown_time_zone_is_invalid()
    {
        SiteState.Empty(SiteA).Decide(new RegisterSite(SiteA, "Depot A", "Mars/Olympus_Mons", T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void Registering_twice_is_refused()
    {
        SiteState.Empty(SiteA).Apply(new SiteRegistered(SiteA, "Depot A", Berlin, T0))
            .Decide(new RegisterSite(SiteA, "Depot A", Berlin, T0.AddDays(1)))
            .Rejected(RejectionCode.AlreadyExists);
    }
}
