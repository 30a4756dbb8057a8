using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

/// <summary>The control room opens the door and every slot for a while (a fire, an evacuation); every removal meanwhile is forced.</summary>
public sealed record DeclareEmergencyOpen(CabinetId Cabinet, string Reason, string By, DateTimeOffset Until, DateTimeOffset At)
    : CabinetCommand(Cabinet, At);

/// <summary>The control room locks every lock and refuses every release at the cabinet until the lock-down is lifted.</summary>
public sealed record LockDownCabinet(CabinetId Cabinet, string Reason, string By, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record LiftLockdown(CabinetId Cabinet, string By, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record CabinetEmergencyOpened(CabinetId Cabinet, string Reason, string By, DateTimeOffset Until, DateTimeOffset At)
    : CabinetEvent(Cabinet, At);

public sealed record CabinetLockedDown(CabinetId Cabinet, string Reason, string By, DateTimeOffset At) : CabinetEvent(Cabinet, At);

public sealed record CabinetLockdownLifted(CabinetId Cabinet, string By, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>Why and by whom a cabinet is locked down.</summary>
public sealed record CabinetLockdown(string Reason, string By, DateTimeOffset Since) : IFleetKeysMessage;
