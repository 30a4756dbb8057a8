using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.ExternalIds;

/// <summary>Registry key of the external id directory's shard region.</summary>
public sealed class ExternalIdRegion;

public static class ExternalIdsHostingExtensions
{
    public static AkkaConfigurationBuilder AddExternalIds(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<ExternalIdRegion, IExternalIdMessage>("externalid", m => m.External.Value,
                (id, services) => Props.Create<ExternalIdActor>(ExternalId.Parse(id), services))
            .AddStartup((system, registry) => Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() =>
                _ = LegacyExternalIds.CarryOver(system, registry.Get<ExternalIdRegion>(), registry.Get<PersonRegion>())));
}
