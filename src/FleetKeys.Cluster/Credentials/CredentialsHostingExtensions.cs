using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Credentials;

/// <summary>Registry key of the credential directory's shard region.</summary>
public sealed class CredentialRegion;

public static class CredentialsHostingExtensions
{
    public static AkkaConfigurationBuilder AddCredentials(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<CredentialRegion, ICredentialMessage>("credential", m => m.Badge.Value,
                (id, services) => Props.Create<CredentialActor>(BadgeNumber.Parse(id), services))
            .AddStartup((system, registry) => Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() =>
                _ = LegacyBadges.CarryOver(system, registry.Get<CredentialRegion>(), registry.Get<PersonRegion>())));
}
