using System.Globalization;
using Akka.Actor;
using Akka.Discovery;
using Akka.Hosting;

namespace FleetKeys.Cluster.Clustering;

/// <summary>FleetKeys's own join step for a node without seeds: Akka.Discovery finds the nodes, <see cref="DiscoveryJoin"/> joins them.</summary>
public static class DiscoveryJoinHosting
{
    public static AkkaConfigurationBuilder AddDiscoveryJoin(this AkkaConfigurationBuilder builder, ClusterSettings settings)
    {
        var discovery = settings.Discovery;
        Func<ActorSystem, ServiceDiscovery> lookup;
        if (discovery.Method == DiscoveryMethod.Kubernetes)
        {
            var selector = string.Format(CultureInfo.InvariantCulture, discovery.PodLabelSelector, discovery.ServiceName);
            lookup = _ => new KubernetesPodDiscovery(selector);
        }
        else
        {
            if (discovery.Endpoints.Length == 0)
                throw new InvalidOperationException("FleetKeys:Cluster:Discovery:Endpoints must list every node's cluster endpoint (host:port) when the discovery method is Config");
            var endpoints = string.Join(", ", discovery.Endpoints.Select(e => $"\"{e}\""));
            builder.AddHocon($$"""akka.discovery.config.services."{{discovery.ServiceName}}".endpoints = [{{endpoints}}]""", HoconAddMode.Prepend);
            lookup = system => Discovery.Get(system).LoadServiceDiscovery("config");
        }

        return builder.WithActors((system, _) =>
        {
            var found = lookup(system);
            system.ActorOf(Props.Create(() => new DiscoveryJoin(settings, found)), "discovery-join");
        });
    }
}
