using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace FleetKeys.Cluster.Entities;

/// <summary>The one way every entity type is put behind a shard region, so all share the same sharding choices.</summary>
public static class ShardedEntity
{
    public static AkkaConfigurationBuilder WithEntity<TRegion, TMessage>(
        this AkkaConfigurationBuilder builder,
        string typeName,
        Func<TMessage, string> entityId,
        Func<string, EntityServices, Akka.Actor.Props> props) =>
        builder.WithShardRegion<TRegion>(
            typeName,
            (_, _, resolver) => id => props(id, EntityServices.From(resolver)),
            new EntityMessageExtractor<TMessage>(entityId),
            new ShardOptions
            {
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = false,
                PassivateIdleEntityAfter = TimeSpan.FromMinutes(2),
            });
}
