using Akka.Actor;
using Akka.Cluster.Sharding;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.Answer;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

public sealed record RegionRow(string Type, int Nodes, int Shards, int Entities);

public sealed record RegionStatsRow(string Node, int Shards, int Entities, int ShardsNotAnswering);

public sealed record ShardRow(string Shard, string Node, int Entities);

public sealed record EntityLocationView(string Type, string Entity, string Shard, string? Node, bool Running);

/// <summary>Where the entities live: per entity type, which node hosts which shard and how many entities are running.</summary>
public sealed class ShardingPalette(ActorSystem system) : IPalette
{
    /// <summary>How long each region has to report; the ask itself waits a little longer so the coordinator can answer.</summary>
    private static readonly TimeSpan RegionTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly ArgumentSpec Type = ArgumentSpec.Of("type", "an entity type, as 'sharding regions' lists them");

    public string Name => "sharding";

    public string Summary => "entity types, shards and where an entity lives";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("regions", "every entity type with its nodes, shards and running entities", Regions),
        Read("stats", "one entity type per node: shards and running entities", Stats, Type),
        Read("shards", "one entity type per shard: the node hosting it and its running entities", Shards, Type),
        Read("locate", "the shard and node of one entity, and whether it is running", Locate, Type,
            ArgumentSpec.Of("id", "the entity's id, e.g. lobby/3 for a key slot")),
    ];

    private ClusterSharding Sharding => ClusterSharding.Get(system);

    private async Task<IResult> Regions(CommandArguments _, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(Sharding.ShardTypeNames.Order(StringComparer.Ordinal).Select(async type =>
        {
            var stats = await StatsOf(type, cancellationToken);
            return new RegionRow(type, stats.Regions.Count(r => r.Value.Stats.Count > 0), stats.Regions.Sum(r => r.Value.Stats.Count),
                stats.Regions.Sum(r => r.Value.Stats.Values.Sum()));
        }));
        return Results.Ok(rows);
    }

    private Task<IResult> Stats(CommandArguments args, CancellationToken cancellationToken) => ForType(args, async type =>
    {
        var stats = await StatsOf(type, cancellationToken);
        return stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new RegionStatsRow(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum(), r.Value.Failed.Count))
            .ToList();
    });

    private Task<IResult> Shards(CommandArguments args, CancellationToken cancellationToken) => ForType(args, async type =>
    {
        var stats = await StatsOf(type, cancellationToken);
        return stats.Regions
            .SelectMany(r => r.Value.Stats.Select(s => new ShardRow(s.Key, r.Key.ToString(), s.Value)))
            .OrderBy(s => int.TryParse(s.Shard, out var n) ? n : int.MaxValue).ThenBy(s => s.Shard, StringComparer.Ordinal)
            .ToList();
    });

    /// <summary>Asks the region, which asks the coordinator for the shard's home; the entity is looked for, never started.</summary>
    private Task<IResult> Locate(CommandArguments args, CancellationToken cancellationToken) => ForType(args, async type =>
    {
        var id = args.Text("id");
        var location = await Sharding.ShardRegion(type)
            .Ask<EntityLocation>(new GetEntityLocation(id, RegionTimeout), AskTimeout, cancellationToken);
        var node = location.ShardRegion == Address.AllSystems ? null : location.ShardRegion.ToString();
        return new EntityLocationView(type, id, location.ShardId, node, location.EntityRef.HasValue);
    });

    private Task<ClusterShardingStats> StatsOf(string type, CancellationToken cancellationToken) =>
        Sharding.ShardRegion(type).Ask<ClusterShardingStats>(new GetClusterShardingStats(RegionTimeout), AskTimeout, cancellationToken);

    private async Task<IResult> ForType(CommandArguments args, Func<string, Task<object>> run)
    {
        var type = args.Text("type");
        if (!Sharding.ShardTypeNames.Contains(type))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound,
                detail: $"no entity type '{type}'; this node has {string.Join(", ", Sharding.ShardTypeNames.Order(StringComparer.Ordinal))}");
        return Results.Ok(await run(type));
    }
}
