namespace FleetKeys.Domain.Tests;

/// <summary>
/// CustodyPolicy.DueAt. Berlin: CEST (UTC+2) in summer, CET (UTC+1) in winter; spring forward 2026-03-29 02:00→03:00,
/// fall back 2026-10-25 03:00→02:00. New York: EDT (UTC-4) / EST (UTC-5); spring forward 2026-03-08 02:00→03:00,
/// fall back 2026-11-01 02:00→01:00.
/// </summary>
public class DueTimeTests
{
    private static readonly TimeZoneInfo BerlinZone = Zone(Berlin);
    private static readonly TimeZoneInfo NewYorkZone = Zone(NewYork);

    private static CustodyPolicy ReturnBy(int hour, int minute = 0) => new(null, new TimeOnly(hour, minute));

    private static CustodyPolicy Max(double hours) => new(TimeSpan.FromHours(hours), null);

    [Fact]
    public void Max_duration_only()
    {
        Assert.Equal(T0.AddHours(4), Max(4).DueAt(T0, BerlinZone));
    }

    [Fact]
    public void Neither_means_no_due_time()
    {
        Assert.Null(CustodyPolicy.Unlimited.DueAt(T0, BerlinZone));
        Assert.Null(new CustodyPolicy(null, null).DueAt(T0, BerlinZone));
    }

    [Fact]
    public void Return_by_later_today()
    {
        // Taken Monday 10:00 Berlin, back by 17:00 Berlin = 15:00Z.
        Assert.Equal(Utc(2026, 6, 1, 15), ReturnBy(17).DueAt(T0, BerlinZone));
    }

    [Fact]
    public void Return_by_already_passed_today_means_tomorrow()
    {
        // Taken Monday 18:00 Berlin (16:00Z), back by 17:00 Berlin tomorrow.
        Assert.Equal(Utc(2026, 6, 2, 15), ReturnBy(17).DueAt(Utc(2026, 6, 1, 16), BerlinZone));
    }

    [Fact]
    public void Return_by_exactly_now_means_tomorrow()
    {
        Assert.Equal(Utc(2026, 6, 2, 15), ReturnBy(17).DueAt(Utc(2026, 6, 1, 15), BerlinZone));
    }

    [Fact]
    public void Return_by_is_read_on_the_site_wall_clock()
    {
        var takenAt = Utc(2026, 6, 1, 12);
        Assert.Equal(Utc(2026, 6, 1, 15), ReturnBy(17).DueAt(takenAt, BerlinZone));
        Assert.Equal(Utc(2026, 6, 1, 21), ReturnBy(17).DueAt(takenAt, NewYorkZone));
        Assert.Equal(Utc(2026, 6, 1, 17), ReturnBy(17).DueAt(takenAt, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Return_by_after_midnight()
    {
        // Taken Monday 23:00 Berlin (21:00Z), back by 01:00 Berlin on Tuesday (23:00Z Monday).
        Assert.Equal(Utc(2026, 6, 1, 23), ReturnBy(1).DueAt(Utc(2026, 6, 1, 21), BerlinZone));
    }

    [Fact]
    public void Return_by_uses_the_local_date_not_the_utc_date()
    {
        // Taken Tuesday 00:30 Berlin, which is still Monday 22:30Z: back by 08:00 Berlin on Tuesday (06:00Z).
        Assert.Equal(Utc(2026, 6, 2, 6), ReturnBy(8).DueAt(Utc(2026, 6, 1, 22, 30), BerlinZone));
    }

    [Fact]
    public void Return_by_later_the_same_local_evening_west_of_utc()
    {
        // Taken Monday 21:00 in New York, already Tuesday 01:00Z: back by 22:00 New York on Monday (02:00Z Tuesday).
        Assert.Equal(Utc(2026, 6, 2, 2), ReturnBy(22).DueAt(Utc(2026, 6, 2, 1), NewYorkZone));
    }

    [Fact]
    public void With_both_the_earlier_wins()
    {
        var policy = new CustodyPolicy(TimeSpan.FromHours(4), new TimeOnly(17, 0));
        // Taken 10:00 Berlin: 4 h → 14:00 Berlin, before 17:00.
        Assert.Equal(T0.AddHours(4), policy.DueAt(T0, BerlinZone));
        // Taken 15:00 Berlin (13:00Z): 17:00 Berlin comes before 19:00.
        Assert.Equal(Utc(2026, 6, 1, 15), policy.DueAt(Utc(2026, 6, 1, 13), BerlinZone));
    }

    [Fact]
    public void Return_by_inside_the_spring_forward_gap_maps_to_the_end_of_the_gap()
    {
        // 02:30 does not exist in Berlin on 2026-03-29: the clock jumps to 03:00 CEST = 01:00Z.
        var takenAt = Utc(2026, 3, 28, 21); // Saturday 22:00 CET
        Assert.Equal(Utc(2026, 3, 29, 1), ReturnBy(2, 30).DueAt(takenAt, BerlinZone));
    }

    [Fact]
    public void An_ambiguous_return_by_on_the_fall_back_day_maps_to_its_first_occurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25: first in CEST (00:30Z), then in CET (01:30Z).
        var takenAt = Utc(2026, 10, 24, 20); // Saturday 22:00 CEST
        Assert.Equal(Utc(2026, 10, 25, 0, 30), ReturnBy(2, 30).DueAt(takenAt, BerlinZone));
    }

    // Bug: SiteTime.NextOccurrence only tries ToInstant(date + time), which always picks the first occurrence of an
    // ambiguous time; when that one has passed it skips to the next day, 25 hours later.
    [Fact]
    public void Taken_between_the_two_occurrences_of_an_ambiguous_return_by_is_due_at_the_second()
    {
        // Taken at 02:45 CEST (00:45Z), the first 02:30 has passed; the wall clock reads 02:30 again
        // 45 minutes later, at 02:30 CET (01:30Z). NextOccurrence promises "the first instant strictly
        // after the take at which the local clock reads the time", not tomorrow's 02:30.
        var takenAt = Utc(2026, 10, 25, 0, 45);
        Assert.Equal(Utc(2026, 10, 25, 1, 30), ReturnBy(2, 30).DueAt(takenAt, BerlinZone));
    }

    [Fact]
    public void Taken_after_the_spring_forward_gap_a_return_by_inside_it_is_tomorrow()
    {
        // Taken 03:10 CEST (01:10Z) on 2026-03-29: 02:30 will not show today, so 02:30 CEST tomorrow (00:30Z).
        Assert.Equal(Utc(2026, 3, 30, 0, 30), ReturnBy(2, 30).DueAt(Utc(2026, 3, 29, 1, 10), BerlinZone));
    }

    [Fact]
    public void A_max_duration_across_spring_forward_is_real_hours()
    {
        // Taken 20:00 CET (19:00Z): 12 real hours later is 07:00Z, which the wall clock shows as 09:00 CEST.
        var due = Max(12).DueAt(Utc(2026, 3, 28, 19), BerlinZone)!.Value;
        Assert.Equal(Utc(2026, 3, 29, 7), due);
        Assert.Equal(new DateTime(2026, 3, 29, 9, 0, 0), SiteTime.LocalTime(due, BerlinZone));
    }

    [Fact]
    public void A_max_duration_across_fall_back_is_real_hours()
    {
        // Taken 20:00 CEST (18:00Z): 12 real hours later is 06:00Z, which the wall clock shows as 07:00 CET.
        var due = Max(12).DueAt(Utc(2026, 10, 24, 18), BerlinZone)!.Value;
        Assert.Equal(Utc(2026, 10, 25, 6), due);
        Assert.Equal(new DateTime(2026, 10, 25, 7, 0, 0), SiteTime.LocalTime(due, BerlinZone));
    }

    [Fact]
    public void A_return_by_across_spring_forward_is_one_real_hour_shorter()
    {
        // Taken 20:00 CET Saturday, back by 08:00 Sunday: 12 hours on the wall clock, 11 real hours.
        var takenAt = Utc(2026, 3, 28, 19);
        var due = ReturnBy(8).DueAt(takenAt, BerlinZone)!.Value;
        Assert.Equal(Utc(2026, 3, 29, 6), due);
        Assert.Equal(TimeSpan.FromHours(11), due - takenAt);
    }

    [Fact]
    public void New_york_return_by_inside_the_spring_forward_gap()
    {
        // 02:30 does not exist in New York on 2026-03-08: 03:00 EDT = 07:00Z.
        Assert.Equal(Utc(2026, 3, 8, 7), ReturnBy(2, 30).DueAt(Utc(2026, 3, 8, 3), NewYorkZone)); // taken 22:00 EST Saturday
    }

    [Fact]
    public void New_york_ambiguous_return_by_on_the_fall_back_day()
    {
        // 01:30 happens twice in New York on 2026-11-01: first in EDT (05:30Z), then in EST (06:30Z).
        Assert.Equal(Utc(2026, 11, 1, 5, 30), ReturnBy(1, 30).DueAt(Utc(2026, 11, 1, 2), NewYorkZone)); // taken 22:00 EDT Saturday
    }

    [Fact]
    public void New_york_max_duration_across_the_change_is_real_hours()
    {
        var takenAt = Utc(2026, 3, 7, 22); // 17:00 EST
        Assert.Equal(takenAt.AddHours(12), Max(12).DueAt(takenAt, NewYorkZone));
        var takenInAutumn = Utc(2026, 10, 31, 21); // 17:00 EDT
        Assert.Equal(takenInAutumn.AddHours(12), Max(12).DueAt(takenInAutumn, NewYorkZone));
    }
}
