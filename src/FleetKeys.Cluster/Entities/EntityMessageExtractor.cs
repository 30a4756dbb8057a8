using Akka.Cluster.Sharding;

namespace FleetKeys.Cluster.Entities;

/// <summary>Routes a message to its entity by the id the message itself carries; no envelope is needed.</summary>
public sealed class EntityMessageExtractor<TMessage>(Func<TMessage, string> entityId, int maxShards = EntityMessageExtractor.Shards)
    : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message is TMessage m ? entityId(m) : null;
}

public static class EntityMessageExtractor
{
    /// <summary>Ten shards per node of the largest planned cluster, so rebalancing has room to move.</summary>
    public const int Shards = 100;
}
