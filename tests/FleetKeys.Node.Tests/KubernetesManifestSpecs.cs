using System.Collections;
using System.Reflection;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Testing;
using YamlDotNet.RepresentationModel;

namespace FleetKeys.Node.Tests;

/// <summary>
/// No Kubernetes runs here, so what can be checked of cluster-config/kubernetes is: every file parses, every FleetKeys
/// setting the manifests name exists in the node's settings, and the StatefulSet, its budget and its RBAC say what
/// docs/operations.md promises (probes, a majority kept, secrets from Kubernetes secrets, a non-root read-only container).
/// </summary>
public sealed class KubernetesManifestSpecs
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "cluster-config", "kubernetes");

    private static List<YamlMappingNode> Documents() =>
    [
        .. Directory.GetFiles(Folder, "*.yaml").Order().SelectMany(file =>
        {
            using var reader = new StreamReader(file);
            var yaml = new YamlStream();
            yaml.Load(reader);
            return yaml.Documents.Select(d => (YamlMappingNode)d.RootNode);
        }),
    ];

    private static YamlMappingNode Kind(string kind, string name) =>
        Documents().Single(d => d["kind"].ToString() == kind && d["metadata"]["name"].ToString() == name);

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => int.TryParse(key, out var i) ? ((YamlSequenceNode)n)[i] : ((YamlMappingNode)n)[key]);

    private static YamlMappingNode NodeContainer() => (YamlMappingNode)At(Kind("StatefulSet", "fleetkeys"), "spec", "template", "spec", "containers", "0");

    private static IEnumerable<YamlMappingNode> Environment() =>
        ((YamlSequenceNode)NodeContainer()["env"]).Cast<YamlMappingNode>();

    [Fact]
    public void Every_fleetkeys_setting_the_manifests_name_exists_in_the_node_settings()
    {
        var named = Environment().Select(e => e["name"].ToString()).Where(n => n.StartsWith("FleetKeys__", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(Exists(typeof(NodeSettings), name.Split("__")[1..]), $"{name} names no setting of the node"));
    }

    [Fact]
    public void The_setting_check_refuses_a_misspelt_setting()
    {
        Assert.True(Exists(typeof(NodeSettings), ["Cluster", "Tls", "Certificate", "Path"]));
        Assert.False(Exists(typeof(NodeSettings), ["Cluster", "Tls", "Certificate", "Pth"]));
        Assert.True(Exists(typeof(NodeSettings), ["Cluster", "SeedNodes", "0"]));
    }

    /// <summary>Whether configuration binding would find a property for each segment (an index for a list's element).</summary>
    private static bool Exists(Type type, string[] path)
    {
        if (path.Length == 0) return true;
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && int.TryParse(path[0], out _))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Last();
            return Exists(element, path[1..]);
        }
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && Exists(property.PropertyType, path[1..]);
    }

    [Fact]
    public void The_pods_find_each_other_through_the_kubernetes_api_under_the_address_they_advertise()
    {
        var variables = Environment().ToDictionary(e => e["name"].ToString());
        var discovery = new ClusterDiscoverySettings();
        var label = string.Format(discovery.PodLabelSelector, discovery.ServiceName).Split('=');
        var remoting = ((YamlSequenceNode)NodeContainer()["ports"]).Cast<YamlMappingNode>().Single(p => p["name"].ToString() == discovery.PortName);

        Assert.Equal("Kubernetes", At(variables["FleetKeys__Cluster__Discovery__Method"], "value").ToString());
        Assert.DoesNotContain(variables.Keys, name => name.StartsWith("FleetKeys__Cluster__SeedNodes", StringComparison.Ordinal));
        Assert.Equal(label[1], At(Kind("StatefulSet", "fleetkeys"), "spec", "template", "metadata", "labels", label[0]).ToString());
        Assert.Equal(At(variables["FleetKeys__Cluster__Port"], "value").ToString(), remoting["containerPort"].ToString());
        // Discovery names the pods by IP; a pod that advertised another name would never answer the others' joins.
        Assert.Equal("$(POD_IP)", At(variables["FleetKeys__Cluster__PublicHostname"], "value").ToString());
        Assert.Equal("status.podIP", At(variables["POD_IP"], "valueFrom", "fieldRef", "fieldPath").ToString());
    }

    [Fact]
    public void The_node_is_ready_on_readyz_alive_on_healthz_and_leaves_within_its_grace_period()
    {
        var container = NodeContainer();

        Assert.Equal("/readyz", At(container, "readinessProbe", "httpGet", "path").ToString());
        Assert.Equal("/healthz", At(container, "livenessProbe", "httpGet", "path").ToString());
        Assert.Equal("HTTPS", At(container, "readinessProbe", "httpGet", "scheme").ToString());
        // Coordinated shutdown (shard hand-over, leaving) runs within the host's 30 s shutdown timeout; the pod waits longer.
        Assert.True(int.Parse(At(Kind("StatefulSet", "fleetkeys"), "spec", "template", "spec", "terminationGracePeriodSeconds").ToString()) > 30);
        Assert.NotNull(At(container, "resources", "requests", "cpu"));
        Assert.NotNull(At(container, "resources", "requests", "memory"));
    }

    [Fact]
    public void The_disruption_budget_keeps_a_majority_of_the_members()
    {
        var replicas = int.Parse(At(Kind("StatefulSet", "fleetkeys"), "spec", "replicas").ToString());
        var minAvailable = int.Parse(At(Kind("PodDisruptionBudget", "fleetkeys"), "spec", "minAvailable").ToString());

        Assert.True(minAvailable > replicas / 2, $"{minAvailable} of {replicas} is no majority");
    }

    [Fact]
    public void Secrets_come_from_kubernetes_secrets_and_never_stand_in_the_manifest()
    {
        var secrets = new[] { "FleetKeys__Hardware__MasterSecret", "FleetKeys__Api__BootstrapAdminKey", "FleetKeys__Persistence__ConnectionString" };

        foreach (var name in secrets)
        {
            var variable = Environment().Single(e => e["name"].ToString() == name);
            Assert.False(variable.Children.ContainsKey("value"), $"{name} is written into the manifest");
            Assert.NotNull(At(variable, "valueFrom", "secretKeyRef", "name"));
        }
        Assert.Equal("fleetkeys-tls", At(Kind("StatefulSet", "fleetkeys"), "spec", "template", "spec", "volumes", "2", "secret", "secretName").ToString());
    }

    [Fact]
    public void The_pods_may_only_read_pods_and_run_as_a_non_root_user_on_a_read_only_root()
    {
        var rule = (YamlMappingNode)At(Kind("Role", "fleetkeys-pod-reader"), "rules", "0");
        var spec = At(Kind("StatefulSet", "fleetkeys"), "spec", "template", "spec");

        Assert.Equal(["pods"], ((YamlSequenceNode)rule["resources"]).Select(r => r.ToString()));
        Assert.Equal(["get", "list", "watch"], ((YamlSequenceNode)rule["verbs"]).Select(v => v.ToString()).Order());
        Assert.Equal("fleetkeys", At(spec, "serviceAccountName").ToString());
        Assert.Equal("true", At(spec, "securityContext", "runAsNonRoot").ToString());
        Assert.Equal("true", At(NodeContainer(), "securityContext", "readOnlyRootFilesystem").ToString());
    }
}
