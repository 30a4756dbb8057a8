using FleetKeys.Cluster.Notifications;

namespace FleetKeys.Cluster.Tests.Notifications;

/// <summary>Which notices a subscription is sent, decided on the notice alone (10:00 UTC here).</summary>
public class SubscriptionWantsTests
{
    private static readonly DateTimeOffset Ten = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static Notice A(string kind, bool security = false, string? site = "hq", string? person = null) =>
        new("alarm-1", kind, security, Ten, site, "lobby", 1, person, "detail");

    private static bool Wants(SubscriptionRow subscription, Notice notice) => subscription.Wants(notice, TimeZoneInfo.Utc);

    [Fact]
    public void Kinds_and_sites_left_out_mean_all_and_listed_mean_only_those()
    {
        var all = new SubscriptionRow { Channel = SubscriptionRow.Webhook };
        var some = new SubscriptionRow { Channel = SubscriptionRow.Webhook, Kinds = "forcedRemoval overdue", Sites = "hq depot" };

        Assert.True(Wants(all, A("anyKindAddedLater", site: null)));
        Assert.True(Wants(some, A("overdue")));
        Assert.False(Wants(some, A("accessDenied")));
        Assert.False(Wants(some, A("overdue", site: "elsewhere")));
        Assert.False(Wants(some, A("overdue", site: null)));
    }

    [Fact]
    public void Quiet_hours_hold_back_all_but_security_alarms()
    {
        var quiet = new SubscriptionRow { Channel = SubscriptionRow.Webhook, QuietFrom = "09:00", QuietTo = "11:00" };

        Assert.False(Wants(quiet, A("accessDenied")));
        Assert.True(Wants(quiet, A("forcedRemoval", security: true)));
    }

    [Fact]
    public void Mail_only_to_the_people_an_alarm_names_is_not_sent_for_an_alarm_that_names_nobody()
    {
        var holder = new SubscriptionRow { Channel = SubscriptionRow.Email, ToHolder = true };
        var desk = new SubscriptionRow { Channel = SubscriptionRow.Email, Recipients = "desk@example.com", ToHolder = true };

        Assert.True(Wants(holder, A("overdue", person: "alice")));
        Assert.False(Wants(holder, A("forcedRemoval")));
        Assert.True(Wants(desk, A("forcedRemoval")));
    }
}
