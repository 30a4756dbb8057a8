using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace FleetKeys.Cluster.Clustering;

public static class ClusterHostingExtensions
{
    /// <summary>
    /// Remoting (over mutual TLS when a certificate is configured) and cluster membership with the keep-majority
    /// split-brain resolver: after a partition the side with most nodes carries on and the rest downs itself, so no entity
    /// ever has two writers. Members come from hand-listed seeds, else from discovery, else the node forms its own cluster.
    /// </summary>
    public static AkkaConfigurationBuilder AddFleetKeysCluster(this AkkaConfigurationBuilder builder, ClusterSettings settings)
    {
        var remote = new RemoteOptions
        {
            HostName = settings.Hostname,
            PublicHostName = settings.PublicHostname ?? settings.Hostname,
            Port = settings.Port,
        };
        if (settings.Tls.Enabled)
        {
            remote.EnableSsl = true;
            remote.Ssl = ClusterTls.Options(settings.Tls);
        }

        builder
            .WithRemoting(remote)
            .WithClustering(new ClusterOptions
            {
                Roles = settings.Roles,
                SeedNodes = settings.SeedNodes,
                SplitBrainResolver = new KeepMajorityOption(),
            });

        // A leaving node waits for the leader's next round to be moved to Exiting, and each singleton it runs retries its
        // hand-over on a timer: at Akka's 1 s for both, a graceful stop (a rolling restart, every test node) took over a
        // second; at 200 ms a quarter of that, for a few cheap membership checks a second.
        builder.AddHocon($$"""
            akka.cluster.split-brain-resolver.stable-after = {{(int)settings.DownUnreachableAfter.TotalMilliseconds}}ms
            akka.cluster.failure-detector.acceptable-heartbeat-pause = {{(int)settings.HeartbeatPause.TotalMilliseconds}}ms
            akka.cluster.leader-actions-interval = 200ms
            akka.cluster.singleton.hand-over-retry-interval = 200ms
            """, HoconAddMode.Prepend);

        if (settings.SeedNodes.Length > 0)
        {
            if (settings.Discovery.Method == DiscoveryMethod.None) return builder;
            return builder.AddStartup((system, _) => system.Log.Info(
                "Joining the hand-listed seeds {0}; FleetKeys:Cluster:Discovery ({1}) is not used while seeds are listed",
                string.Join(", ", settings.SeedNodes), settings.Discovery.Method));
        }
        if (settings.Discovery.Method != DiscoveryMethod.None) return builder.AddDiscoveryJoin(settings);
        return builder.AddStartup((system, _) =>
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
        });
    }
}
