using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>Entitlement schedules, read on the site's wall clock (Berlin here, UTC+2 in June).</summary>
public class PersonScheduleTests
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly Schedule OfficeHours = new([new WeeklyWindow(Weekdays, new(7, 0), new(19, 0))]);

    /// <summary>Friday 22:00 to Saturday 06:00.</summary>
    private static readonly Schedule FridayNight = new([new WeeklyWindow([DayOfWeek.Friday], new(22, 0), new(6, 0))]);

    private static PersonState Scheduled(Schedule schedule) =>
        new APerson { Entitlements = [APerson.At(Cab1, schedule: schedule)] }.Build();

    [Fact]
    public void Inside_the_window_the_session_opens()
    {
        // Monday 10:00 in Berlin.
        OpenAt(OfficeHours, T0).Accepted();
    }

    [Fact]
    public void Outside_the_window_is_outside_schedule()
    {
        // Monday 20:30 in Berlin, 18:30 UTC: open if the schedule were read in UTC.
        OpenAt(OfficeHours, Utc(2026, 6, 1, 18, 30)).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void The_schedule_is_read_in_the_site_zone_not_in_utc()
    {
        // Monday 07:30 in Berlin, 05:30 UTC: closed if the schedule were read in UTC.
        OpenAt(OfficeHours, Utc(2026, 6, 1, 5, 30)).Accepted();
        OpenAt(OfficeHours, Utc(2026, 6, 1, 5, 30), UtcZone).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void A_window_across_midnight_covers_the_early_hours_of_the_next_day()
    {
        OpenAt(FridayNight, Utc(2026, 6, 5, 21, 0)).Accepted(); // Fri 23:00 local
        OpenAt(FridayNight, Utc(2026, 6, 6, 3, 0)).Accepted(); // Sat 05:00 local
    }

    [Fact]
    public void A_window_across_midnight_does_not_cover_the_early_hours_of_its_own_day()
    {
        OpenAt(FridayNight, Utc(2026, 6, 5, 3, 0)).Rejected(RejectionCode.OutsideSchedule); // Fri 05:00 local
        OpenAt(FridayNight, Utc(2026, 6, 6, 4, 0)).Rejected(RejectionCode.OutsideSchedule); // Sat 06:00 local, end is exclusive
        OpenAt(FridayNight, Utc(2026, 6, 6, 20, 30)).Rejected(RejectionCode.OutsideSchedule); // Sat 22:30 local
    }

    [Fact]
    public void Any_matching_entitlement_whose_schedule_is_open_is_enough()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab1, schedule: FridayNight), APerson.At(Cab1, schedule: OfficeHours)] }.Build();
        person.Decide(Open(S1, T0, zone: Berlin)).Accepted();
    }

    [Fact]
    public void An_open_schedule_elsewhere_does_not_help_here()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab1, schedule: FridayNight), APerson.At(Cab2)] }.Build();
        person.Decide(Open(S1, T0, cabinet: Cab1, zone: Berlin)).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void A_grant_is_refused_once_the_window_has_closed_even_inside_an_open_session()
    {
        // Monday 07:00-10:01 local; the session opens at 10:00:30, the grant comes at 10:01:30.
        var shortWindow = new Schedule([new WeeklyWindow([DayOfWeek.Monday], new(7, 0), new(10, 1))]);
        var person = Scheduled(shortWindow).Run(Open(S1, T0.AddSeconds(30), zone: Berlin));

        person.Decide(Grant(G1, S1, Slot1, T0.AddSeconds(90), zone: Berlin)).Rejected(RejectionCode.OutsideSchedule);
        person.Decide(Grant(G1, S1, Slot1, T0.AddSeconds(40), zone: Berlin)).Accepted();
    }

    private static Decision<PersonEvent> OpenAt(Schedule schedule, DateTimeOffset at, string zone = Berlin) =>
        Scheduled(schedule).Decide(Open(S1, at, zone: zone));
}
