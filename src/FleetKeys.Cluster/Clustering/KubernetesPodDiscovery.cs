using Akka.Discovery;
using k8s;
using k8s.Models;

namespace FleetKeys.Cluster.Clustering;

/// <summary>
/// Akka.Discovery's lookup over the Kubernetes API: the running pods of this namespace that match the label selector,
/// each by its pod IP and the container port named in the lookup. FleetKeys's own, on the served KubernetesClient:
/// Akka.Discovery.KubernetesApi 1.5.73 is built against KubernetesClient 17 and fails on the served 19 with
/// MissingMethodException. Outside a pod (no in-cluster configuration) every lookup fails, and says why.
/// </summary>
public sealed class KubernetesPodDiscovery(string labelSelector, KubernetesClientConfiguration? api = null) : ServiceDiscovery
{
    public override async Task<Resolved> Lookup(Lookup lookup, TimeSpan resolveTimeout)
    {
        var configuration = api ?? KubernetesClientConfiguration.InClusterConfig();
        using var client = new Kubernetes(configuration);
        using var timeout = new CancellationTokenSource(resolveTimeout);
        var pods = await client.CoreV1.ListNamespacedPodAsync(configuration.Namespace ?? "default",
            labelSelector: labelSelector, cancellationToken: timeout.Token);
        return new Resolved(lookup.ServiceName, Targets(pods, lookup.PortName));
    }

    /// <summary>Pods being deleted, not running yet, or without an IP are no one to join.</summary>
    public static IEnumerable<ResolvedTarget> Targets(V1PodList pods, string? portName) =>
        from pod in pods.Items
        where pod.Metadata?.DeletionTimestamp is null && pod.Status?.Phase == "Running" && !string.IsNullOrEmpty(pod.Status.PodIP)
        let port = pod.Spec?.Containers?.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == portName)?.ContainerPort
        select new ResolvedTarget(pod.Status.PodIP, port, System.Net.IPAddress.Parse(pod.Status.PodIP));
}
