using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Security;

namespace FleetKeys.Cluster.People;

/// <summary>Registry key of the retention's singleton (its proxy: asked for its last look).</summary>
public sealed class HistoryRetentionSingleton;

public static class HistoryRetentionHostingExtensions
{
    /// <summary>One retention for the cluster, off unless a period is set (<see cref="RetentionSettings.Policy"/>).</summary>
    public static AkkaConfigurationBuilder AddHistoryRetention(this AkkaConfigurationBuilder builder, RetentionSettings settings) =>
        settings.Policy() is not { } policy
            ? builder
            : builder.WithSingleton<HistoryRetentionSingleton>("history-retention", (_, _, resolver) =>
            {
                var keys = resolver.GetService<PersonKeys>();
                var readSide = resolver.GetService<ReadSideErasure>();
                var clock = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
                return Props.Create(() => new HistoryRetention(keys, readSide, clock, policy, settings.Every));
            }, new ClusterSingletonOptions(), createProxyToo: true);
}
