using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// Gives the slot its key: the slot decides whether its custody allows it, then the cabinet homes the key's tag, so the
/// two never disagree about a key in custody. Handled by the cabinet's shell; answered with the slot's custody.
/// </summary>
public sealed record AssignKeyToSlot(CabinetId Cabinet, int Slot, KeyDefinition Key, DateTimeOffset At, string? By = null) : ICabinetMessage;

/// <summary>
/// Takes the key out of the slot for good: the slot decides (never while the key is released or out), then the cabinet
/// gives up its tag's home. Handled by the cabinet's shell; answered with the slot's custody.
/// </summary>
public sealed record RemoveKeyFromSlot(CabinetId Cabinet, int Slot, string By, DateTimeOffset At) : ICabinetMessage;

/// <summary>The key homed in <c>Slot</c> was removed from it: its tag no longer belongs here.</summary>
public sealed record UnhomeKey(CabinetId Cabinet, int Slot, DateTimeOffset At) : CabinetCommand(Cabinet, At);

/// <summary>
/// Wires the cabinet to another controller or bus address, gives it a stock reader at <paramref name="ReaderAddress"/> of
/// that controller's bus (or, <paramref name="RemoveReader"/>, takes its reader away: its own board reads badges again),
/// or changes whether it asks for a PIN; a null field stays as it is. The shell has the controller claim the addresses
/// first (it owns them and decides), and the old one let go after.
/// </summary>
public sealed record ChangeCabinet(
    CabinetId Cabinet, ControllerId? Controller, int? BusAddress, bool? RequiresPin, string By, DateTimeOffset At, int? ReaderAddress = null,
    bool RemoveReader = false)
    : CabinetCommand(Cabinet, At);

/// <summary>Takes the cabinet out of service; only an empty cabinet (no key homed in any slot) may go.</summary>
public sealed record DecommissionCabinet(CabinetId Cabinet, string By, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record KeyUnhomed(CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>
/// The new wiring; <paramref name="ReaderAddress"/> when it gave the cabinet a stock reader, <paramref name="ReaderRemoved"/>
/// when it took it away (its controller holds which reader a cabinet has).
/// </summary>
public sealed record CabinetChanged(
    CabinetId Cabinet, ControllerId Controller, int BusAddress, bool RequiresPin, string By, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ReaderAddress = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ReaderRemoved = false)
    : CabinetEvent(Cabinet, At);

/// <summary>Where the cabinet was wired, so its controller can be told to let the bus address go.</summary>
public sealed record CabinetDecommissioned(CabinetId Cabinet, ControllerId Controller, int BusAddress, string By, DateTimeOffset At)
    : CabinetEvent(Cabinet, At);
