using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Webhooks;

public interface IInboxMessage : IFleetKeysMessage
{
    DeliveryId Delivery { get; }
}

/// <summary>
/// Marks an inbound event as handled. <c>Fingerprint</c> is a hash of its content, so the same id arriving again with
/// other content is told apart from a plain retry.
/// </summary>
public sealed record RecordDelivery(DeliveryId Delivery, string Fingerprint, DateTimeOffset At) : IInboxMessage;

public sealed record GetDelivery(DeliveryId Delivery) : IInboxMessage;

public sealed record DeliveryRecorded(DeliveryId Delivery, string Fingerprint, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// One entity per inbound event id (webhooks): a single writer per id is what makes "applied once" hold when an
/// event is retried or replayed, from any node.
/// </summary>
public sealed record InboxState(DeliveryId Delivery, string? Fingerprint, DateTimeOffset? HandledAt)
    : IEntityState<InboxState, RecordDelivery, DeliveryRecorded>, IFleetKeysMessage
{
    public bool Handled => Fingerprint is not null;

    public Decision<DeliveryRecorded> Decide(RecordDelivery command) => Fingerprint switch
    {
        null => Decision<DeliveryRecorded>.Accept(new DeliveryRecorded(Delivery, command.Fingerprint, command.At)),
        var known when known == command.Fingerprint => Decision<DeliveryRecorded>.Accept(),
        _ => Rejection.Of(RejectionCode.Conflict, $"event {Delivery} was already received with other content"),
    };

    public InboxState Apply(DeliveryRecorded @event) => this with { Fingerprint = @event.Fingerprint, HandledAt = @event.At };
}
