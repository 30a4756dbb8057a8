namespace FleetKeys.Domain.Tests;

public class SiteTimeTests
{
    private static readonly TimeZoneInfo BerlinZone = Zone(Berlin);
    private static readonly TimeZoneInfo NewYorkZone = Zone(NewYork);

    [Theory]
    [InlineData(Berlin, true)]
    [InlineData(NewYork, true)]
    [InlineData(UtcZone, true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void Known_zones(string? id, bool known)
    {
        Assert.Equal(known, SiteTime.IsKnownZone(id));
    }

    [Fact]
    public void Local_time_is_the_site_wall_clock()
    {
        Assert.Equal(new DateTime(2026, 6, 1, 10, 0, 0), SiteTime.LocalTime(T0, BerlinZone));
        Assert.Equal(new DateTime(2026, 6, 1, 4, 0, 0), SiteTime.LocalTime(T0, NewYorkZone));
        Assert.Equal(new DateTime(2026, 1, 15, 9, 0, 0), SiteTime.LocalTime(Utc(2026, 1, 15, 8), BerlinZone));
    }

    [Fact]
    public void An_ordinary_local_time_maps_to_its_instant()
    {
        Assert.Equal(T0, SiteTime.ToInstant(new DateTime(2026, 6, 1, 10, 0, 0), BerlinZone));
        Assert.Equal(Utc(2026, 1, 15, 8), SiteTime.ToInstant(new DateTime(2026, 1, 15, 9, 0, 0), BerlinZone));
    }

    [Fact]
    public void The_kind_of_the_local_time_is_ignored()
    {
        var local = new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(T0, SiteTime.ToInstant(local, BerlinZone));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 30)]
    [InlineData(2, 59)]
    public void A_time_in_the_spring_forward_gap_maps_to_the_end_of_the_gap(int hour, int minute)
    {
        var instant = SiteTime.ToInstant(new DateTime(2026, 3, 29, hour, minute, 0), BerlinZone);
        Assert.Equal(Utc(2026, 3, 29, 1), instant);
        Assert.Equal(TimeSpan.FromHours(2), instant.Offset);
    }

    [Fact]
    public void A_time_with_seconds_in_the_gap_still_maps_to_the_whole_minute_after_it()
    {
        Assert.Equal(Utc(2026, 3, 29, 1), SiteTime.ToInstant(new DateTime(2026, 3, 29, 2, 30, 45), BerlinZone));
    }

    [Fact]
    public void A_repeated_time_maps_to_its_first_daylight_occurrence()
    {
        var instant = SiteTime.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0), BerlinZone);
        Assert.Equal(Utc(2026, 10, 25, 0, 30), instant);
        Assert.Equal(TimeSpan.FromHours(2), instant.Offset);

        Assert.Equal(Utc(2026, 11, 1, 5, 30), SiteTime.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), NewYorkZone));
    }

    [Fact]
    public void The_times_around_the_changes_are_unambiguous()
    {
        Assert.Equal(Utc(2026, 3, 29, 0, 59), SiteTime.ToInstant(new DateTime(2026, 3, 29, 1, 59, 0), BerlinZone));
        Assert.Equal(Utc(2026, 3, 29, 1), SiteTime.ToInstant(new DateTime(2026, 3, 29, 3, 0, 0), BerlinZone));
        Assert.Equal(Utc(2026, 10, 25, 2), SiteTime.ToInstant(new DateTime(2026, 10, 25, 3, 0, 0), BerlinZone));
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after()
    {
        var at = Utc(2026, 6, 1, 15); // 17:00 Berlin
        Assert.Equal(Utc(2026, 6, 2, 15), SiteTime.NextOccurrence(at, new TimeOnly(17, 0), BerlinZone));
        Assert.Equal(Utc(2026, 6, 1, 15, 1), SiteTime.NextOccurrence(at, new TimeOnly(17, 1), BerlinZone));
    }
}
