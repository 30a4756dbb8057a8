using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.TagHomes;

/// <summary>Registry key of the tag directory's shard region.</summary>
public sealed class TagHomeRegion;

public static class TagHomesHostingExtensions
{
    public static AkkaConfigurationBuilder AddTagHomes(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<TagHomeRegion, ITagHomeMessage>("taghome", m => m.Tag.Value,
            (id, services) => Props.Create<TagHomeActor>(TagId.Parse(id), services));
}
