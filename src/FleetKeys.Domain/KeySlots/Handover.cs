using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// Who passed the key on and where: <c>By</c> is the operator (through the API) or the cabinet the holder and the receiver
/// badged at; <c>Reason</c> is the operator's, null at a cabinet, sealed under the receiver where the holding record passes
/// them down.
/// </summary>
public sealed record HandoverOrigin(string By, [property: Personal(PersonalAttribute.Enclosing)] string? Reason, CabinetId? AtCabinet = null)
    : IFleetKeysMessage;

/// <summary>
/// A request to pass the key in this slot from its holder to another person without it going back to the cabinet. Handled
/// by the slot's shell like a release: the slot's own rules first, then the receiver's grant (standing, entitlement,
/// schedule, limit, return-first), and only then is the handover persisted. <c>Site</c> and <c>Holidays</c> are the key's
/// cabinet's, for the receiver's schedule. <c>From</c> is the holder who badged at a cabinet; null from the control room,
/// which hands over from whoever holds the key.
/// </summary>
public sealed record RequestHandover(
    SlotId Slot, PersonId? From, PersonId To, HandoverOrigin Origin, SiteId Site, DateTimeOffset At,
    IReadOnlyList<DateOnly>? Holidays = null) : IKeySlotMessage, IAsk<KeySlotDetails>;

/// <summary>Issued by the slot's own shell once the receiver's grant is in hand; never sent by others. <c>Site</c>: the key's cabinet's.</summary>
public sealed record HandOverKey(SlotId Slot, GrantId Grant, PersonId From, PersonId To, HandoverOrigin Origin, DateTimeOffset At, SiteId? Site = null)
    : KeySlotCommand(Slot, At);

/// <summary>
/// The key passed from <c>From</c> to <c>To</c> under the receiver's grant <c>Grant</c>: a new custody begins at <c>At</c>
/// with the key's policy (<c>DueAt</c> counted from the handover), so the giver's reminders and alarms end with theirs.
/// <c>Site</c>: the key's cabinet's site then (null in facts recorded before it was kept).
/// </summary>
public sealed record KeyHandedOver(
    SlotId Slot, GrantId Grant, PersonId From, PersonId To, [property: Personal("To", Period = "At")] HandoverOrigin Origin, DateTimeOffset? DueAt, bool WasOverdue,
    DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : KeySlotEvent(Slot, At);
