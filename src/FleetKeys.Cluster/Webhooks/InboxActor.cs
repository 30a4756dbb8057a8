using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Webhooks;

namespace FleetKeys.Cluster.Webhooks;

public sealed class InboxActor : EventSourcedEntity<InboxState, RecordDelivery, DeliveryRecorded>
{
    public InboxActor(DeliveryId delivery, EntityServices services) : base($"inbox-{delivery}", new InboxState(delivery, null, null), services)
    {
        Command<RecordDelivery>(c => Execute(c));
        Command<GetDelivery>(_ => Sender.Tell(State));
    }
}
