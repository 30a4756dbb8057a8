using FleetKeys.Domain.Reports;

namespace FleetKeys.Domain.Tests;

/// <summary>
/// Report subscriptions: who gets which report when. Due instants are read on the site's wall clock, across both DST
/// changes of 2026 in Berlin (29 March, 02:00 CET becomes 03:00 CEST; 25 October, 03:00 CEST becomes 02:00 CET).
/// </summary>
public class ReportSubscriptionTests
{
    private static readonly ReportSubscriptionId Id = new("rs-1");
    private static readonly TimeOnly Eight = new(8, 0);

    private static SubscribeToReport Subscribe(ReportCadence cadence, DateTimeOffset at, string mailbox = "desk@example.com", string kind = "keysOut") =>
        new(Id, mailbox, kind, cadence, new SiteId("site-1"), Berlin, "operator", at);

    private static ReportSubscriptionState Subscribed(ReportCadence cadence, DateTimeOffset at) =>
        ReportSubscriptionState.Empty(Id).Run(Subscribe(cadence, at));

    private static ReportSubscriptionState SentAt(ReportSubscriptionState state, DateTimeOffset at) =>
        state.Run(new RecordReportSent(Id, state.NextDueAt, at));

    [Fact]
    public void A_daily_0800_report_goes_at_0700Z_before_the_spring_change_and_at_0600Z_after_it()
    {
        var state = Subscribed(ReportCadence.Daily(Eight), Utc(2026, 3, 27, 10, 0));
        Assert.Equal(Utc(2026, 3, 28, 7, 0), state.NextDueAt);
        state = SentAt(state, state.NextDueAt);
        Assert.Equal(Utc(2026, 3, 29, 6, 0), state.NextDueAt);
        state = SentAt(state, state.NextDueAt);
        Assert.Equal(Utc(2026, 3, 30, 6, 0), state.NextDueAt);
    }

    [Fact]
    public void A_time_the_spring_change_skips_goes_at_the_first_instant_after_the_gap()
    {
        var state = Subscribed(ReportCadence.Daily(new TimeOnly(2, 30)), Utc(2026, 3, 28, 12, 0));
        // 02:30 does not exist on 29 March; 03:00 CEST is 01:00Z.
        Assert.Equal(Utc(2026, 3, 29, 1, 0), state.NextDueAt);
        Assert.Equal(Utc(2026, 3, 30, 0, 30), SentAt(state, state.NextDueAt).NextDueAt);
    }

    [Fact]
    public void A_time_the_fall_back_change_repeats_goes_once_that_day()
    {
        var state = Subscribed(ReportCadence.Daily(new TimeOnly(2, 30)), Utc(2026, 10, 24, 12, 0));
        // The first 02:30 of 25 October is CEST, 00:30Z; the second (01:30Z) is not a second send.
        Assert.Equal(Utc(2026, 10, 25, 0, 30), state.NextDueAt);
        Assert.Equal(Utc(2026, 10, 26, 1, 30), SentAt(state, state.NextDueAt).NextDueAt);
    }

    [Fact]
    public void A_weekly_report_goes_on_its_weekday_only()
    {
        // Tuesday 2 June 2026: the next Monday is 8 June, 08:00 CEST.
        var state = Subscribed(ReportCadence.Weekly(DayOfWeek.Monday, Eight), Utc(2026, 6, 2, 9, 0));
        Assert.Equal(Utc(2026, 6, 8, 6, 0), state.NextDueAt);
        Assert.Equal(Utc(2026, 6, 15, 6, 0), SentAt(state, state.NextDueAt).NextDueAt);
    }

    [Fact]
    public void Sends_missed_while_the_node_was_down_go_once_and_the_next_is_tomorrow()
    {
        var state = Subscribed(ReportCadence.Daily(Eight), Utc(2026, 6, 1, 9, 0));
        // Due 2 June 06:00Z; the node came back on 5 June at 09:00Z and sent the report then.
        state = SentAt(state, Utc(2026, 6, 5, 9, 0));
        Assert.Equal(Utc(2026, 6, 6, 6, 0), state.NextDueAt);
        Assert.Equal(Utc(2026, 6, 5, 9, 0), state.LastSentAt);
    }

    [Fact]
    public void A_send_recorded_twice_is_recorded_once()
    {
        var state = Subscribed(ReportCadence.Daily(Eight), Utc(2026, 6, 1, 9, 0));
        var due = state.NextDueAt;
        state = SentAt(state, due);
        state.Decide(new RecordReportSent(Id, due, due.AddSeconds(5))).AcceptedWithoutEvents();
    }

    [Fact]
    public void The_period_of_a_report_runs_from_the_last_send_else_one_cadence_back()
    {
        var state = Subscribed(ReportCadence.Weekly(DayOfWeek.Monday, Eight), Utc(2026, 6, 2, 9, 0));
        Assert.Equal(state.NextDueAt.AddDays(-7), state.PeriodStart(state.NextDueAt));
        var sent = SentAt(state, state.NextDueAt);
        Assert.Equal(state.NextDueAt, sent.PeriodStart(sent.NextDueAt));
    }

    [Fact]
    public void A_paused_subscription_sends_nothing_and_resuming_skips_the_paused_periods()
    {
        var state = Subscribed(ReportCadence.Daily(Eight), Utc(2026, 6, 1, 9, 0));
        state = state.Run(new PauseReport(Id, true, "operator", Utc(2026, 6, 1, 10, 0)));
        state.Decide(new RecordReportSent(Id, state.NextDueAt, state.NextDueAt)).AcceptedWithoutEvents();
        state = state.Run(new PauseReport(Id, false, "operator", Utc(2026, 6, 4, 10, 0)));
        Assert.Equal(Utc(2026, 6, 5, 6, 0), state.NextDueAt);
    }

    [Theory]
    [InlineData("not-an-address", "mailbox")]
    [InlineData("Desk <desk@example.com>", "mailbox")]
    public void A_subscription_needs_a_bare_mailbox(string mailbox, string field)
    {
        var no = ReportSubscriptionState.Empty(Id).Decide(Subscribe(ReportCadence.Daily(Eight), T0, mailbox: mailbox))
            .Rejected(RejectionCode.Invalid);
        Assert.Equal(field, no.Field);
    }

    [Fact]
    public void A_subscription_needs_a_known_time_zone_and_a_kind()
    {
        var empty = ReportSubscriptionState.Empty(Id);
        Assert.Equal("siteId", empty.Decide(Subscribe(ReportCadence.Daily(Eight), T0) with { TimeZoneId = "Mars/Olympus" })
            .Rejected(RejectionCode.Invalid).Field);
        Assert.Equal("kind", empty.Decide(Subscribe(ReportCadence.Daily(Eight), T0, kind: " ")).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void An_unsubscribed_report_is_gone()
    {
        var state = Subscribed(ReportCadence.Daily(Eight), T0);
        state = state.Run(new UnsubscribeFromReport(Id, "operator", T0));
        state.Decide(new PauseReport(Id, true, "operator", T0)).Rejected(RejectionCode.NotFound);
        state.Decide(new UnsubscribeFromReport(Id, "operator", T0)).Rejected(RejectionCode.NotFound);
        state.Decide(new RecordReportSent(Id, state.NextDueAt, state.NextDueAt)).Rejected(RejectionCode.NotFound);
    }
}
