namespace FleetKeys.Domain.Tests;

/// <summary>Site holidays close scheduled entitlements on the site's local dates, DST and midnight-crossing windows included.</summary>
public class HolidayTests
{
    private static readonly DayOfWeek[] AllWeek = Enum.GetValues<DayOfWeek>();

    private static readonly Schedule Daytime = new([new WeeklyWindow(AllWeek, new(6, 0), new(22, 0))]);

    /// <summary>Friday 22:00 to Saturday 06:00.</summary>
    private static readonly Schedule FridayNight = new([new WeeklyWindow([DayOfWeek.Friday], new(22, 0), new(6, 0))]);

    private static PersonState Scheduled(Schedule schedule) =>
        new APerson { Entitlements = [APerson.At(Cab1, schedule: schedule)] }.Build();

    private static Decision<PersonEvent> OpenAt(Schedule schedule, DateTimeOffset at, string zone, params DateOnly[] holidays) =>
        Scheduled(schedule).Decide(PersonSteps.Open(S1, at, zone: zone) with { Holidays = holidays });

    [Fact]
    public void A_scheduled_entitlement_is_closed_on_a_holiday_and_says_so()
    {
        // Monday 2026-06-01 10:00 in Berlin.
        OpenAt(Daytime, T0, Berlin).Accepted();
        var closed = OpenAt(Daytime, T0, Berlin, new DateOnly(2026, 6, 1)).Rejected(RejectionCode.OutsideSchedule);
        Assert.Contains("holiday", closed.Message);
        OpenAt(Daytime, T0, Berlin, new DateOnly(2026, 6, 2)).Accepted();
    }

    [Fact]
    public void An_unscheduled_entitlement_is_open_on_holidays()
    {
        APerson.Default().Decide(PersonSteps.Open(S1, T0) with { Holidays = [new DateOnly(2026, 6, 1)] }).Accepted();
    }

    [Fact]
    public void The_holiday_is_the_site_local_date_not_the_utc_date()
    {
        // 2026-06-02 01:30 UTC is still 21:30 on 1 June in New York (EDT), inside the daytime window.
        var at = Utc(2026, 6, 2, 1, 30);
        OpenAt(Daytime, at, NewYork, new DateOnly(2026, 6, 2)).Accepted();
        OpenAt(Daytime, at, NewYork, new DateOnly(2026, 6, 1)).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void A_window_across_midnight_is_closed_by_a_holiday_on_the_day_it_starts()
    {
        var fridayHoliday = new DateOnly(2026, 6, 5);
        var saturdayHoliday = new DateOnly(2026, 6, 6);
        var saturday0500 = Utc(2026, 6, 6, 3, 0); // Sat 05:00 in Berlin, inside Friday's night window
        OpenAt(FridayNight, saturday0500, Berlin, fridayHoliday).Rejected(RejectionCode.OutsideSchedule);
        OpenAt(FridayNight, saturday0500, Berlin, saturdayHoliday).Accepted();
        OpenAt(FridayNight, Utc(2026, 6, 5, 21, 0), Berlin, fridayHoliday).Rejected(RejectionCode.OutsideSchedule); // Fri 23:00
    }

    [Fact]
    public void On_the_day_clocks_go_back_a_holiday_covers_the_whole_long_day()
    {
        // 2026-10-25: Berlin falls back from 03:00 CEST to 02:00 CET; the day lasts 25 hours.
        var holiday = new DateOnly(2026, 10, 25);
        var allDay = new Schedule([new WeeklyWindow(AllWeek, new(0, 0), new(0, 0))]);
        foreach (var at in new[] { Utc(2026, 10, 24, 22, 0), Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30), Utc(2026, 10, 25, 22, 59) })
            OpenAt(allDay, at, Berlin, holiday).Rejected(RejectionCode.OutsideSchedule);
        OpenAt(allDay, Utc(2026, 10, 24, 21, 59), Berlin, holiday).Accepted(); // 23:59 on the 24th
        OpenAt(allDay, Utc(2026, 10, 25, 23, 0), Berlin, holiday).Accepted(); // 00:00 on the 26th
    }

    [Fact]
    public void On_the_day_clocks_go_forward_a_night_window_is_judged_by_its_start_day()
    {
        // 2026-03-29: Berlin springs forward from 02:00 to 03:00. Saturday's night window 22:00-06:00 runs into it.
        var saturdayNight = new Schedule([new WeeklyWindow([DayOfWeek.Saturday], new(22, 0), new(6, 0))]);
        var sunday0330 = Utc(2026, 3, 29, 1, 30); // 03:30 CEST, just after the jump
        OpenAt(saturdayNight, sunday0330, Berlin, new DateOnly(2026, 3, 29)).Accepted();
        OpenAt(saturdayNight, sunday0330, Berlin, new DateOnly(2026, 3, 28)).Rejected(RejectionCode.OutsideSchedule);
        OpenAt(saturdayNight, Utc(2026, 3, 29, 4, 0), Berlin).Rejected(RejectionCode.OutsideSchedule); // 06:00 CEST, the end
    }

    [Fact]
    public void Holidays_close_grants_as_well_as_sessions()
    {
        var person = Scheduled(Daytime).WithSession(S1, T0);
        var grant = PersonSteps.Grant(G1, S1, at: T0.AddSeconds(5), zone: Berlin) with { Holidays = [new DateOnly(2026, 6, 1)] };
        person.Decide(grant).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void A_site_keeps_its_holidays_sorted_and_once()
    {
        var site = RegisteredSite();
        var set = site.Decide(new SetHolidays(SiteA, [new(2026, 12, 25), new(2026, 1, 1), new(2026, 12, 25)], T0)).OnlyEvent<HolidaysSet, SiteEvent>();
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 25)], set.Holidays);

        var withHolidays = site.Apply(set);
        Assert.Equal(set.Holidays, withHolidays.Holidays);
        withHolidays.Decide(new SetHolidays(SiteA, [new(2026, 12, 25), new(2026, 1, 1)], T0.AddDays(1))).AcceptedWithoutEvents();
        Assert.Empty(withHolidays.Apply(withHolidays.Decide(new SetHolidays(SiteA, [], T0)).Accepted().Single()).Holidays);
    }

    [Fact]
    public void Holidays_of_an_unknown_site_or_too_many_are_refused()
    {
        SiteState.Empty(SiteA).Decide(new SetHolidays(SiteA, [new(2026, 1, 1)], T0)).Rejected(RejectionCode.NotFound);
        var tooMany = Enumerable.Range(0, SetHolidays.MaxHolidays + 1).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToList();
        RegisteredSite().Decide(new SetHolidays(SiteA, tooMany, T0)).Rejected(RejectionCode.Invalid);
    }

    private static SiteState RegisteredSite() =>
        SiteState.Empty(SiteA).Apply(new SiteRegistered(SiteA, "Depot A", Berlin, T0.AddDays(-1)));
}
