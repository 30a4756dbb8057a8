using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Sites;

namespace FleetKeys.Cluster.Sites;

/// <summary>Registry key of the site shard region.</summary>
public sealed class SiteRegion;

public static class SitesHostingExtensions
{
    public static AkkaConfigurationBuilder AddSites(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<SiteRegion, ISiteMessage>("site", m => m.Site.Value,
            (id, services) => Props.Create<SiteActor>(SiteId.Parse(id), services));
}
