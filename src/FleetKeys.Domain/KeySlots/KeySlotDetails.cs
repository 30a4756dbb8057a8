using System.Collections.Immutable;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// How a key slot answers whoever asks about it or changes it: its key, the custody of it and the bookings not yet over,
/// so callers never hold the entity's state record (what the journal snapshots, with its grant, session and the steps of
/// a custody recorded already).
/// </summary>
public sealed record KeySlotDetails(
    SlotId Slot,
    KeyDefinition? Key,
    string? TimeZoneId,
    CustodyStatus Status,
    PersonId? Holder,
    DateTimeOffset? Since,
    DateTimeOffset? ReleasedUntil,
    DateTimeOffset? DueAt,
    PersonId? LastHolder,
    ImmutableList<Reservation> Reservations) : IFleetKeysMessage
{
    /// <summary>The slot the key sits in when that is not its home.</summary>
    public SlotId? PlacedIn { get; init; }

    /// <summary>Faults reported against the key and not cleared yet.</summary>
    public ImmutableList<KeyFault> OpenFaults { get; init; } = [];

    /// <summary>The reason given for the current release or custody; shown as the erased person once its key is gone.</summary>
    public string? TakeReason { get; init; }

    /// <summary>The key is back and its return questions are not answered yet.</summary>
    public bool AnswersAwaited { get; init; }

    /// <summary>The highest odometer reading recorded for the key.</summary>
    public int? LastOdometerKm { get; init; }

    public static KeySlotDetails Of(KeySlotState s) =>
        new(s.Slot, s.Key, s.TimeZoneId, s.Status, s.Holder, s.Since, s.ReleasedUntil, s.DueAt, s.LastHolder, s.Reservations)
        {
            PlacedIn = s.PlacedIn, OpenFaults = s.OpenFaults, TakeReason = ErasedPerson.Shown(s.TakeReason), AnswersAwaited = s.AnswersAwaited,
            LastOdometerKm = s.LastOdometerKm,
        };

    public bool IsOverdue(DateTimeOffset now) => KeySlotState.IsOverdue(Status, DueAt, now);
}
