using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Reports;

namespace FleetKeys.Cluster.Reports;

/// <summary>The report subscriptions as the management API changes and reads them, through the singleton that keeps them.</summary>
public sealed class ReportSubscriptionsClient(IActorRegistry registry, TimeProvider clock, EntitySettings settings)
{
    private async Task<Outcome<T>> Ask<T>(object message) where T : class =>
        Outcome<T>.From(await registry.Get<ReportSubscriptionsSingleton>().Ask<object>(message, settings.AskTimeout * 2));

    public Task<Outcome<ReportSubscriptionState>> Subscribe(
        string mailbox, string kind, ReportCadence cadence, Domain.Ids.SiteId? site, string timeZoneId, string by) =>
        Ask<ReportSubscriptionState>(new SubscribeToReport(ReportSubscriptionId.New(), mailbox, kind, cadence, site, timeZoneId, by,
            clock.GetUtcNow()));

    public Task<Outcome<ReportSubscriptionState>> Pause(ReportSubscriptionId id, bool paused, string by) =>
        Ask<ReportSubscriptionState>(new PauseReport(id, paused, by, clock.GetUtcNow()));

    public Task<Outcome<ReportSubscriptionState>> Unsubscribe(ReportSubscriptionId id, string by) =>
        Ask<ReportSubscriptionState>(new UnsubscribeFromReport(id, by, clock.GetUtcNow()));

    public async Task<IReadOnlyList<ReportSubscriptionState>> All() =>
        (await Ask<ReportSubscriptionList>(new GetReportSubscriptions())).Value?.Subscriptions ?? [];
}
