using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>
/// The approval requests of every key, written by the custody projection from the slots' approval events (they are custody
/// events of the key, in the same stream): one row per request, updated as it is decided and closed.
/// </summary>
public static class ApprovalRequestRows
{
    public static bool Concerns(KeySlotEvent @event) =>
        @event is ApprovalRequested or ApprovalGranted or ApprovalRefused or ApprovalLapsed or ApprovalRedeemed or ApprovalExpired;

    public static async Task Apply(DataConnection db, KeySlotEvent @event, CancellationToken cancellationToken)
    {
        if (@event is ApprovalRequested filed)
        {
            var r = filed.Request;
            await db.InsertOrReplaceAsync(new ApprovalRequestRow
            {
                RequestId = r.Id.Value, SlotId = filed.Slot.Value, CabinetId = filed.Slot.Cabinet.Value, Slot = filed.Slot.Number, KeyId = r.Key.Value,
                PersonId = r.Person.Value, Reason = ErasedPerson.Shown(r.Reason), FiledBy = r.By, Approver = r.Approver.ToString(),
                ApproverPerson = r.ApproverPerson?.Value, Status = nameof(ApprovalStatus.Pending), RequestedAt = Ticks.Of(r.RequestedAt),
                DecideBy = Ticks.Of(r.DecideBy), SiteId = r.Site?.Value,
            }, token: cancellationToken);
            return;
        }

        var (id, status, at) = @event switch
        {
            ApprovalGranted e => (e.Request, ApprovalStatus.Approved, (DateTimeOffset?)null),
            ApprovalRefused e => (e.Request, ApprovalStatus.Refused, e.At),
            ApprovalLapsed e => (e.Request, ApprovalStatus.Lapsed, e.At),
            ApprovalRedeemed e => (e.Request, ApprovalStatus.Redeemed, e.At),
            ApprovalExpired e => (e.Request, ApprovalStatus.Expired, e.At),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "not an approval event"),
        };
        var requestId = id.Value;
        var row = db.GetTable<ApprovalRequestRow>().Where(r => r.RequestId == requestId)
            .Set(r => r.Status, status.ToString()).Set(r => r.ClosedAt, at is { } closed ? Ticks.Of(closed) : null);
        await (@event switch
        {
            ApprovalGranted e => row.Set(r => r.ValidUntil, Ticks.Of(e.ValidUntil)).Set(r => r.DecidedBy, e.By).Set(r => r.Note, ErasedPerson.Shown(e.Note)),
            ApprovalRefused e => row.Set(r => r.DecidedBy, e.By).Set(r => r.Note, ErasedPerson.Shown(e.Note)),
            _ => row,
        }).UpdateAsync(cancellationToken);
    }
}
