using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace FleetKeys.Cluster.Entities;

/// <summary>The one way every entity type is put behind a shard region, so all share the same sharding choices.</summary>
public static class ShardedEntity
{
    /// <param name="props">
    /// Called at every entity start: give arguments (<c>Props.Create&lt;T&gt;(args)</c>), not an expression
    /// (<c>Props.Create(() =&gt; new T(…))</c>), which Akka compiles each time — a few percent of a core at a fleet's size.
    /// </param>
    public static AkkaConfigurationBuilder WithEntity<TRegion, TMessage>(
        this AkkaConfigurationBuilder builder,
        string typeName,
        Func<TMessage, string> entityId,
        Func<string, EntityServices, Akka.Actor.Props> props,
        bool remembered = false) =>
        builder.WithShardRegion<TRegion>(
            typeName,
            (_, _, resolver) => id => props(id, EntityServices.From(resolver) with { StopWhenEmpty = !remembered }),
            new EntityMessageExtractor<TMessage>(entityId),
            new ShardOptions
            {
                StateStoreMode = StateStoreMode.DData,
                // Remembered entities restart on another node when theirs dies, and are never passivated;
                // the set is kept in the journal, so it survives a restart of the whole cluster.
                RememberEntities = remembered,
                RememberEntitiesStore = remembered ? RememberEntitiesStore.Eventsourced : null,
                PassivateIdleEntityAfter = remembered ? null : TimeSpan.FromMinutes(2),
            });
}
