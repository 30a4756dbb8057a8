using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Domain.Alarms;

public enum AlarmKind
{
    ForcedRemoval,
    WrongSlotReturn,
    AccessDenied,
    CabinetOffline,
    KeysHeldByRevokedPerson,
    Overdue,
    /// <summary>A reservation began and the key was not in its slot for the booker.</summary>
    ReservedKeyUnavailable,
}

/// <summary>
/// Which recorded facts raise an alarm, and which settle one. Until alarms have an entity of their own that raises them,
/// the read side raises them from these events, so this is the one place that says which events matter to alarms.
/// </summary>
public static class AlarmSources
{
    public static AlarmKind? Raises(object @event) => @event switch
    {
        KeyForciblyRemoved => AlarmKind.ForcedRemoval,
        WrongSlotReturn => AlarmKind.WrongSlotReturn,
        AccessDenied => AlarmKind.AccessDenied,
        CabinetOffline => AlarmKind.CabinetOffline,
        PersonRevoked { KeysHeld.Count: > 0 } => AlarmKind.KeysHeldByRevokedPerson,
        KeyOverdue => AlarmKind.Overdue,
        ReservationStarted { KeyAvailable: false } => AlarmKind.ReservedKeyUnavailable,
        _ => null,
    };

    /// <summary>
    /// Events that raise, settle or clear alarms by themselves (a cabinet back online clears its offline alarm, a key back
    /// in its slot its overdue and reserved-key alarms).
    /// </summary>
    public static bool Concerns(object @event) => Raises(@event) is not null || @event is AlarmEvent or CabinetOnline or KeyReturned;
}
