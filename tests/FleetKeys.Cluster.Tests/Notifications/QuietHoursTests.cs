using FleetKeys.Cluster.Notifications;
using FleetKeys.Domain.Time;

namespace FleetKeys.Cluster.Tests.Notifications;

/// <summary>Quiet hours on the site's clock (Berlin: CEST in summer, CET in winter, clocks forward on 2026-03-29), and the retry pauses.</summary>
public class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = SiteTime.Zone("Europe/Berlin");
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(6, 0));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6, 1, 19, 59, false)] // 21:59 CEST
    [InlineData(6, 1, 20, 0, true)]   // 22:00 CEST
    [InlineData(6, 2, 3, 59, true)]   // 05:59 CEST, the next morning: across midnight
    [InlineData(6, 2, 4, 0, false)]   // 06:00 CEST
    [InlineData(1, 15, 20, 59, false)] // 21:59 CET
    [InlineData(1, 15, 21, 0, true)]   // 22:00 CET
    [InlineData(3, 29, 3, 59, true)]   // 05:59 CEST, the night the clocks went forward
    [InlineData(3, 29, 4, 0, false)]   // 06:00 CEST
    public void Quiet_hours_follow_the_sites_clock_across_midnight_and_daylight_saving(int month, int day, int hour, int minute, bool quiet) =>
        Assert.Equal(quiet, Night.Covers(Utc(month, day, hour, minute), Berlin));

    [Fact]
    public void A_window_within_one_day_covers_only_that_stretch()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0));

        Assert.True(lunch.Covers(Utc(6, 1, 10, 30), Berlin));
        Assert.False(lunch.Covers(Utc(6, 1, 11, 0), Berlin));
    }

    [Fact]
    public void Retry_pauses_double_up_to_the_maximum()
    {
        var settings = new NotificationSettings { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(n => settings.RetryDelay(n).TotalSeconds));
    }
}
