using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;

namespace FleetKeys.Cluster.Clustering;

/// <summary>Akka.Management's bootstrap endpoint, Cluster Bootstrap, and the discovery that finds the other nodes' endpoints.</summary>
public static class ClusterBootstrapHosting
{
    public static AkkaConfigurationBuilder AddClusterBootstrap(this AkkaConfigurationBuilder builder, ClusterSettings settings)
    {
        var discovery = settings.Discovery;
        builder.WithAkkaManagement(management =>
        {
            // Advertised as other nodes find it through discovery (so a node recognises itself among the contact points).
            management.HostName = settings.PublicHostname ?? settings.Hostname;
            management.Port = discovery.Port;
            management.BindHostName = settings.Hostname;
            management.BindPort = discovery.Port;
        });

        string method;
        if (discovery.Method == DiscoveryMethod.Kubernetes)
        {
            builder.WithKubernetesDiscovery(k => k.PodLabelSelector = discovery.PodLabelSelector);
            method = "kubernetes-api";
        }
        else
        {
            var endpoints = string.Join(", ", discovery.Endpoints.Select(e => $"\"{e}\""));
            builder.AddHocon($$"""akka.discovery.config.services."{{discovery.ServiceName}}".endpoints = [{{endpoints}}]""", HoconAddMode.Prepend);
            method = "config";
        }

        return builder.WithClusterBootstrap(bootstrap =>
        {
            bootstrap.ContactPointDiscovery.ServiceName = discovery.ServiceName;
            bootstrap.ContactPointDiscovery.DiscoveryMethod = method;
            bootstrap.ContactPointDiscovery.RequiredContactPointsNr = discovery.RequiredContactPoints;
            bootstrap.ContactPointDiscovery.StableMargin = discovery.StableMargin;
            // Kubernetes lists each pod's ports by name; the bootstrap endpoint's is "management" in the manifests.
            if (discovery.Method == DiscoveryMethod.Kubernetes) bootstrap.ContactPointDiscovery.PortName = "management";
        });
    }
}
