using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;

namespace FleetKeys.Cluster.Scopes;

/// <summary>Registry key of the access scopes' singleton (its proxy on every node).</summary>
public sealed class AccessScopesSingleton;

public static class ScopesHostingExtensions
{
    public static AkkaConfigurationBuilder AddAccessScopes(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<AccessScopesSingleton>("access-scopes",
            (_, _, resolver) => Props.Create(() => new AccessScopesActor(EntityServices.From(resolver))),
            new ClusterSingletonOptions { LogSingletonIdentificationFailure = false }, createProxyToo: true); // see AddProjections on the proxy's warning
}
