using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.Reports;

public interface IReportSubscriptionMessage : IFleetKeysMessage
{
    ReportSubscriptionId Subscription { get; }
}

public abstract record ReportSubscriptionCommand(ReportSubscriptionId Subscription, DateTimeOffset At) : IReportSubscriptionMessage;

public abstract record ReportSubscriptionEvent(ReportSubscriptionId Subscription, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// Subscribes <paramref name="Mailbox"/> to the report <paramref name="Kind"/>. <paramref name="Site"/> scopes the report to
/// one site (null: the whole fleet); <paramref name="TimeZoneId"/> is the site's zone, or UTC for a fleet-wide report.
/// </summary>
public sealed record SubscribeToReport(
    ReportSubscriptionId Subscription, string Mailbox, string Kind, ReportCadence Cadence, SiteId? Site, string TimeZoneId, string By,
    DateTimeOffset At) : ReportSubscriptionCommand(Subscription, At);

public sealed record PauseReport(ReportSubscriptionId Subscription, bool Paused, string By, DateTimeOffset At)
    : ReportSubscriptionCommand(Subscription, At);

public sealed record UnsubscribeFromReport(ReportSubscriptionId Subscription, string By, DateTimeOffset At)
    : ReportSubscriptionCommand(Subscription, At);

/// <summary>The report due at <paramref name="DueAt"/> was handed to the mailer at <paramref name="At"/>.</summary>
public sealed record RecordReportSent(ReportSubscriptionId Subscription, DateTimeOffset DueAt, DateTimeOffset At)
    : ReportSubscriptionCommand(Subscription, At);

public sealed record ReportSubscribed(
    ReportSubscriptionId Subscription, string Mailbox, string Kind, ReportCadence Cadence, SiteId? Site, string TimeZoneId, string By,
    DateTimeOffset At) : ReportSubscriptionEvent(Subscription, At);

public sealed record ReportPaused(ReportSubscriptionId Subscription, bool Paused, string By, DateTimeOffset At)
    : ReportSubscriptionEvent(Subscription, At);

public sealed record ReportUnsubscribed(ReportSubscriptionId Subscription, string By, DateTimeOffset At)
    : ReportSubscriptionEvent(Subscription, At);

public sealed record ReportSent(ReportSubscriptionId Subscription, DateTimeOffset DueAt, DateTimeOffset At)
    : ReportSubscriptionEvent(Subscription, At);

/// <summary>
/// A mailbox's standing order for one report. The next due instant is part of the state, so a restarted node knows it
/// from the journal; a send recorded late (the node was down) moves it past "now", so missed periods go out once, not
/// once each.
/// </summary>
public sealed record ReportSubscriptionState(
    ReportSubscriptionId Id, bool Subscribed, bool Removed, string Mailbox, string Kind, ReportCadence Cadence, SiteId? Site,
    string TimeZoneId, string CreatedBy, bool Paused, DateTimeOffset? LastSentAt, DateTimeOffset NextDueAt)
    : IEntityState<ReportSubscriptionState, ReportSubscriptionCommand, ReportSubscriptionEvent>, IFleetKeysMessage
{
    public static ReportSubscriptionState Empty(ReportSubscriptionId id) =>
        new(id, false, false, "", "", ReportCadence.Daily(default), null, "UTC", "", false, null, default);

    [JsonIgnore]
    public bool Active => Subscribed && !Removed;

    /// <summary>Where the report of the send due at <paramref name="dueAt"/> starts: the last send, else one period before.</summary>
    public DateTimeOffset PeriodStart(DateTimeOffset dueAt) => LastSentAt ?? dueAt - Cadence.Period;

    public Decision<ReportSubscriptionEvent> Decide(ReportSubscriptionCommand command)
    {
        if (command is not SubscribeToReport && !Active)
            return Rejection.Of(RejectionCode.NotFound, $"report subscription {Id} does not exist");
        return command switch
        {
            SubscribeToReport c => DecideSubscribe(c),
            PauseReport c => c.Paused == Paused
                ? Decision<ReportSubscriptionEvent>.Accept()
                : Decision<ReportSubscriptionEvent>.Accept(new ReportPaused(Id, c.Paused, c.By, c.At)),
            UnsubscribeFromReport c => Decision<ReportSubscriptionEvent>.Accept(new ReportUnsubscribed(Id, c.By, c.At)),
            // A repeat of a send already recorded (the sender crashed before it heard back) changes nothing.
            RecordReportSent c => c.DueAt < NextDueAt || Paused
                ? Decision<ReportSubscriptionEvent>.Accept()
                : Decision<ReportSubscriptionEvent>.Accept(new ReportSent(Id, c.DueAt, c.At)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled report subscription command"),
        };
    }

    private Decision<ReportSubscriptionEvent> DecideSubscribe(SubscribeToReport c)
    {
        if (Subscribed) return Rejection.Of(RejectionCode.AlreadyExists, $"report subscription {Id} already exists");
        if (!EmailAddress.IsValid(c.Mailbox))
            return Rejection.Of(RejectionCode.Invalid, $"'{c.Mailbox}' is not an e-mail address").About("mailbox");
        if (string.IsNullOrWhiteSpace(c.Kind)) return Rejection.Of(RejectionCode.Invalid, "a report kind is required").About("kind");
        if (!SiteTime.IsKnownZone(c.TimeZoneId))
            return Rejection.Of(RejectionCode.Invalid, $"unknown time zone '{c.TimeZoneId}'").About("siteId");
        return Decision<ReportSubscriptionEvent>.Accept(
            new ReportSubscribed(Id, c.Mailbox, c.Kind, c.Cadence, c.Site, c.TimeZoneId, c.By, c.At));
    }

    public ReportSubscriptionState Apply(ReportSubscriptionEvent @event) => @event switch
    {
        ReportSubscribed e => this with
        {
            Subscribed = true, Mailbox = e.Mailbox, Kind = e.Kind, Cadence = e.Cadence, Site = e.Site, TimeZoneId = e.TimeZoneId,
            CreatedBy = e.By, NextDueAt = e.Cadence.NextDue(e.At, SiteTime.Zone(e.TimeZoneId)),
        },
        // Resuming looks forward from now: the periods spent paused are not sent afterwards.
        ReportPaused e => this with { Paused = e.Paused, NextDueAt = e.Paused ? NextDueAt : Cadence.NextDue(e.At, SiteTime.Zone(TimeZoneId)) },
        ReportUnsubscribed => this with { Removed = true },
        ReportSent e => this with { LastSentAt = e.At, NextDueAt = Cadence.NextDue(Later(e.DueAt, e.At), SiteTime.Zone(TimeZoneId)) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled report subscription event"),
    };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
