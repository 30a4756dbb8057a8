using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// A key booked for <c>Person</c> from <c>From</c> to <c>Until</c>. From <c>LeadTime</c> before the start until the end
/// nobody else may take it, so it is in its slot when the booker comes. <c>Started</c>: the start has been noticed.
/// </summary>
public sealed record Reservation(
    ReservationId Id, PersonId Person, DateTimeOffset From, DateTimeOffset Until, TimeSpan LeadTime, bool Started = false) : IFleetKeysMessage
{
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    [JsonIgnore]
    public DateTimeOffset HeldFrom => From - LeadTime;

    public bool Blocks(PersonId person, DateTimeOffset at) => person != Person && at >= HeldFrom && at < Until;

    public bool Overlaps(Reservation other) => HeldFrom < other.Until && other.HeldFrom < Until;
}

public sealed record ReserveKey(
    SlotId Slot, ReservationId Reservation, PersonId Person, DateTimeOffset From, DateTimeOffset Until, TimeSpan LeadTime, DateTimeOffset At)
    : KeySlotCommand(Slot, At);

public sealed record CancelReservation(SlotId Slot, ReservationId Reservation, string By, DateTimeOffset At) : KeySlotCommand(Slot, At);

/// <summary>From the cabinet's timer (kept from the slot summary, so it survives crashes): reservations due by <c>At</c> have begun.</summary>
public sealed record NoticeReservationStart(SlotId Slot, DateTimeOffset At) : KeySlotCommand(Slot, At);

public sealed record KeyReserved(SlotId Slot, Reservation Reservation, DateTimeOffset At) : KeySlotEvent(Slot, At);

public sealed record ReservationCancelled(SlotId Slot, ReservationId Reservation, string By, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>
/// A reservation began. <c>KeyAvailable</c> false means the key is not in its slot for the booker (out, missing or released
/// to someone else): the booker must be told, so the read side raises an alarm from it.
/// </summary>
public sealed record ReservationStarted(
    SlotId Slot, ReservationId Reservation, PersonId Booker, bool KeyAvailable, PersonId? Holder, DateTimeOffset At) : KeySlotEvent(Slot, At);
