namespace FleetKeys.Domain.Tests;

public class ScheduleTests
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly WeeklyWindow OfficeHours = new(Weekdays, new(7, 0), new(19, 0));

    /// <summary>Friday 22:00 to Saturday 06:00.</summary>
    private static readonly WeeklyWindow FridayNight = new([DayOfWeek.Friday], new(22, 0), new(6, 0));

    // 2026-06-01 is a Monday; 2026-06-05 a Friday; 2026-06-06 a Saturday.
    private static DateTime Local(int day, int hour, int minute = 0) => new(2026, 6, day, hour, minute, 0);

    [Fact]
    public void A_day_window_includes_its_start_and_excludes_its_end()
    {
        Assert.False(OfficeHours.Contains(Local(1, 6, 59)));
        Assert.True(OfficeHours.Contains(Local(1, 7, 0)));
        Assert.True(OfficeHours.Contains(Local(1, 18, 59)));
        Assert.False(OfficeHours.Contains(Local(1, 19, 0)));
    }

    [Fact]
    public void A_day_window_applies_only_on_its_days()
    {
        Assert.True(OfficeHours.Contains(Local(5, 12)));
        Assert.False(OfficeHours.Contains(Local(6, 12)));
        Assert.False(OfficeHours.Contains(Local(7, 12)));
    }

    [Fact]
    public void A_window_across_midnight_belongs_to_the_day_it_starts()
    {
        Assert.False(FridayNight.Contains(Local(5, 21, 59)));
        Assert.True(FridayNight.Contains(Local(5, 22, 0)));
        Assert.True(FridayNight.Contains(Local(5, 23, 59)));
        Assert.True(FridayNight.Contains(Local(6, 0, 0)));
        Assert.True(FridayNight.Contains(Local(6, 5, 59)));
        Assert.False(FridayNight.Contains(Local(6, 6, 0)));
    }

    [Fact]
    public void A_window_across_midnight_does_not_cover_the_early_hours_of_its_own_day()
    {
        Assert.False(FridayNight.Contains(Local(5, 5, 0))); // Friday 05:00 belongs to Thursday night
        Assert.False(FridayNight.Contains(Local(6, 22, 30))); // Saturday night is not listed
        Assert.False(FridayNight.Contains(Local(7, 3, 0))); // nor Sunday morning
    }

    [Fact]
    public void A_window_across_midnight_at_the_end_of_the_week_wraps_to_monday()
    {
        var sundayNight = new WeeklyWindow([DayOfWeek.Sunday], new(20, 0), new(4, 0));
        Assert.True(sundayNight.Contains(new DateTime(2026, 6, 8, 3, 0, 0))); // Monday 03:00
        Assert.False(sundayNight.Contains(new DateTime(2026, 6, 1, 20, 0, 0))); // Monday 20:00
    }

    [Fact]
    public void No_windows_means_always_open()
    {
        Assert.True(Schedule.Always.IsOpen(T0, TimeZoneInfo.Utc));
        Assert.True(new Schedule([]).IsOpen(Utc(2026, 6, 6, 3), Zone(Berlin)));
    }

    [Fact]
    public void Any_window_opens_the_schedule()
    {
        var schedule = new Schedule([OfficeHours, FridayNight]);
        var berlin = Zone(Berlin);
        Assert.True(schedule.IsOpen(T0, berlin)); // Monday 10:00
        Assert.True(schedule.IsOpen(Utc(2026, 6, 6, 3), berlin)); // Saturday 05:00
        Assert.False(schedule.IsOpen(Utc(2026, 6, 6, 10), berlin)); // Saturday 12:00
    }

    [Fact]
    public void The_schedule_is_evaluated_in_the_site_zone()
    {
        var schedule = new Schedule([OfficeHours]);
        var at = Utc(2026, 6, 1, 18, 30); // 20:30 Berlin, 14:30 New York, 18:30 UTC
        Assert.False(schedule.IsOpen(at, Zone(Berlin)));
        Assert.True(schedule.IsOpen(at, Zone(NewYork)));
        Assert.True(schedule.IsOpen(at, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_local_day_decides_not_the_utc_day()
    {
        // Friday 23:30 in Berlin is 21:30Z Friday; Saturday 00:30 in Berlin is still Friday 22:30Z.
        var schedule = new Schedule([new WeeklyWindow([DayOfWeek.Saturday], new(0, 0), new(2, 0))]);
        Assert.True(schedule.IsOpen(Utc(2026, 6, 5, 22, 30), Zone(Berlin)));
        Assert.False(schedule.IsOpen(Utc(2026, 6, 5, 22, 30), TimeZoneInfo.Utc));
    }
}
