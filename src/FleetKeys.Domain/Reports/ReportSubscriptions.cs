using System.Collections.Immutable;

namespace FleetKeys.Domain.Reports;

public sealed record GetReportSubscriptions : IFleetKeysMessage, IAsk<ReportSubscriptionList>;

public sealed record ReportSubscriptionList(ImmutableList<ReportSubscriptionState> Subscriptions) : IFleetKeysMessage;

/// <summary>
/// Every report subscription of the fleet, kept by one entity: they are few, and the one that sends them needs them all
/// to know which is due next. Each subscription decides for itself; this only finds it.
/// </summary>
public sealed record ReportSubscriptionsState(ImmutableList<ReportSubscriptionState> Subscriptions)
    : IEntityState<ReportSubscriptionsState, ReportSubscriptionCommand, ReportSubscriptionEvent>, IFleetKeysMessage
{
    public static ReportSubscriptionsState Empty => new([]);

    public ReportSubscriptionState? Find(ReportSubscriptionId id) => Subscriptions.Find(s => s.Id == id);

    /// <summary>The active, unpaused subscriptions whose report is due at <paramref name="now"/>.</summary>
    public IEnumerable<ReportSubscriptionState> Due(DateTimeOffset now) =>
        Subscriptions.Where(s => !s.Paused && s.NextDueAt <= now);

    public Decision<ReportSubscriptionEvent> Decide(ReportSubscriptionCommand command) =>
        (Find(command.Subscription) ?? ReportSubscriptionState.Empty(command.Subscription)).Decide(command);

    public ReportSubscriptionsState Apply(ReportSubscriptionEvent @event)
    {
        var current = Find(@event.Subscription);
        var next = (current ?? ReportSubscriptionState.Empty(@event.Subscription)).Apply(@event);
        // A removed subscription is forgotten: its history stays in the journal and the audit.
        return this with
        {
            Subscriptions = current is null ? Subscriptions.Add(next) : next.Removed ? Subscriptions.Remove(current) : Subscriptions.Replace(current, next),
        };
    }
}
