using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Webhooks;

namespace FleetKeys.Cluster.Webhooks;

/// <summary>Registry key of the inbound-event inbox's shard region.</summary>
public sealed class InboxRegion;

public static class InboxHostingExtensions
{
    public static AkkaConfigurationBuilder AddInbox(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<InboxRegion, IInboxMessage>("inbox", m => m.Delivery.Value,
            (id, services) => Props.Create<InboxActor>(DeliveryId.Parse(id), services));
}
