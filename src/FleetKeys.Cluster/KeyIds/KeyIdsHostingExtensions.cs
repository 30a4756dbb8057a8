using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeyIds;

namespace FleetKeys.Cluster.KeyIds;

/// <summary>Registry key of the key id directory's shard region.</summary>
public sealed class KeyIdRegion;

public static class KeyIdsHostingExtensions
{
    public static AkkaConfigurationBuilder AddKeyIds(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<KeyIdRegion, IKeyIdMessage>("keyid", m => m.Key.Value,
            (id, services) => Props.Create<KeyIdActor>(KeyId.Parse(id), services));
}
