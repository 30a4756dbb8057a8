using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetKeys.Cluster.Reports;

/// <summary>Registry key of the report subscriptions' singleton (its proxy on every node).</summary>
public sealed class ReportSubscriptionsSingleton;

/// <summary>Section "FleetKeys:Reports".</summary>
public sealed class ReportSettings
{
    /// <summary>How often due reports are looked for; a report goes at most this long after its time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public static class ReportsHostingExtensions
{
    public static AkkaConfigurationBuilder AddReportSubscriptions(this AkkaConfigurationBuilder builder, PersistenceSettings persistence)
    {
        var database = new ReadDatabase(persistence);
        return builder.WithSingleton<ReportSubscriptionsSingleton>("report-subscriptions", (_, _, resolver) =>
        {
            var settings = resolver.GetService<ReportSettings>() ?? new ReportSettings();
            var log = (resolver.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<ReportSubscriptionsActor>();
            return Props.Create(() => new ReportSubscriptionsActor(EntityServices.From(resolver), database, settings.PollInterval, log));
        }, new ClusterSingletonOptions { LogSingletonIdentificationFailure = false }, createProxyToo: true); // see AddProjections on the proxy's warning
    }
}
