using System.Text.Json.Serialization;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

public sealed record SetAlarmSettings(CabinetId Cabinet, AlarmSettings Settings, DateTimeOffset At, string? By = null) : CabinetCommand(Cabinet, At);

public sealed record AlarmSettingsChanged(CabinetId Cabinet, AlarmSettings Settings, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : CabinetEvent(Cabinet, At);

/// <summary>From the cabinet's own door timer: the door may have stood open longer than its settings allow.</summary>
public sealed record NoticeDoorLeftOpen(CabinetId Cabinet, DateTimeOffset At) : CabinetCommand(Cabinet, At);

/// <summary>The door has stood open since <c>OpenSince</c>, longer than allowed; closing it ends the alarm.</summary>
public sealed record DoorLeftOpen(CabinetId Cabinet, DateTimeOffset OpenSince, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>From the driver: the cabinet's tamper input became active (or normal again).</summary>
public sealed record ReportTamper(CabinetId Cabinet, bool Active, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport;

public sealed record TamperDetected(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record TamperRestored(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

/// <summary>From the driver: the cabinet lost mains power and runs on its battery (or has mains power again).</summary>
public sealed record ReportMainsPower(CabinetId Cabinet, bool On, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport;

public sealed record MainsPowerLost(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record MainsPowerRestored(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

/// <summary>From the driver: the cabinet's battery fell below its controller's low mark (or is above it again), at this charge.</summary>
public sealed record ReportBattery(CabinetId Cabinet, bool Low, int ChargePercent, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport;

public sealed record BatteryLow(CabinetId Cabinet, int ChargePercent, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record BatteryRecovered(CabinetId Cabinet, int ChargePercent, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetEvent(Cabinet, At), IFromHardware;
