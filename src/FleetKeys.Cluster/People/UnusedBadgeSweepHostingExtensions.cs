using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Cluster.People;

/// <summary>Registry key of the unused-badge sweep's singleton.</summary>
public sealed class UnusedBadgeSweepSingleton;

public static class UnusedBadgeSweepHostingExtensions
{
    /// <summary>
    /// One sweep for the cluster, reading the read side's records of badge use; off unless
    /// <see cref="EntitySettings.SuspendUnusedBadgesAfter"/> is set.
    /// </summary>
    public static AkkaConfigurationBuilder AddUnusedBadgeSweep(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<UnusedBadgeSweepSingleton>("unused-badge-sweep", (_, registry, resolver) =>
        {
            var settings = resolver.GetService<EntitySettings>() ?? new EntitySettings();
            var reports = resolver.GetService<ReportQueries>();
            var clock = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
            var people = registry.Get<PersonRegion>();
            // Without a read side on this node there is nothing to sweep from.
            var unusedFor = reports is null ? null : settings.SuspendUnusedBadgesAfter;
            return Props.Create(() => new UnusedBadgeSweep(reports!, people, clock, unusedFor, settings.UnusedBadgeSweepInterval));
        }, new ClusterSingletonOptions(), createProxyToo: false);
}
