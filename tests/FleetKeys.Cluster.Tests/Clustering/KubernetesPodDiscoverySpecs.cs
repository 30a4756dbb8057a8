using System.Net;
using System.Text;
using Akka.Discovery;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Testing;
using k8s;

namespace FleetKeys.Cluster.Tests.Clustering;

/// <summary>The pod lookup against a stand-in for the Kubernetes API on loopback (no Kubernetes runs here).</summary>
public sealed class KubernetesPodDiscoverySpecs
{
    private const string Pods = """
        {"apiVersion": "v1", "kind": "PodList", "metadata": {}, "items": [
          {"metadata": {"name": "fleetkeys-0"}, "status": {"phase": "Running", "podIP": "10.1.0.7"},
           "spec": {"containers": [{"name": "node", "ports": [{"name": "fleetctl", "containerPort": 9110}, {"name": "remoting", "containerPort": 4053}]}]}},
          {"metadata": {"name": "fleetkeys-1"}, "status": {"phase": "Running", "podIP": "10.1.0.5"},
           "spec": {"containers": [{"name": "node", "ports": [{"name": "remoting", "containerPort": 4053}]}]}},
          {"metadata": {"name": "fleetkeys-2"}, "status": {"phase": "Pending"},
           "spec": {"containers": [{"name": "node", "ports": [{"name": "remoting", "containerPort": 4053}]}]}},
          {"metadata": {"name": "fleetkeys-3", "deletionTimestamp": "2026-06-01T08:00:00Z"}, "status": {"phase": "Running", "podIP": "10.1.0.9"},
           "spec": {"containers": [{"name": "node", "ports": [{"name": "remoting", "containerPort": 4053}]}]}}
        ]}
        """;

    [Fact]
    public async Task The_running_pods_with_the_label_are_found_by_ip_and_the_named_port_and_pending_or_terminating_ones_are_not()
    {
        var port = FreePort.Next();
        using var api = new HttpListener();
        api.Prefixes.Add($"http://127.0.0.1:{port}/");
        api.Start();
        var asked = Task.Run(async () =>
        {
            var context = await api.GetContextAsync();
            var request = (context.Request.Url!.AbsolutePath, context.Request.QueryString["labelSelector"]);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(Pods));
            context.Response.Close();
            return request;
        });
        var discovery = new KubernetesPodDiscovery("app=fleetkeys", new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}", Namespace = "keys" });

        var resolved = await discovery.Lookup(new Lookup("fleetkeys", "remoting", "tcp"), TimeSpan.FromSeconds(10));

        Assert.Equal(("/api/v1/namespaces/keys/pods", "app=fleetkeys"), await asked);
        Assert.Equal(["10.1.0.7:4053", "10.1.0.5:4053"], resolved.Addresses.Select(a => $"{a.Host}:{a.Port}"));
    }

    [Fact]
    public async Task Outside_a_pod_a_lookup_fails_with_the_reason_instead_of_finding_nobody()
    {
        var discovery = new KubernetesPodDiscovery("app=fleetkeys");

        await Assert.ThrowsAnyAsync<Exception>(() => discovery.Lookup(new Lookup("fleetkeys", "remoting", "tcp"), TimeSpan.FromSeconds(5)));
    }
}
