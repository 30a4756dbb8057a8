using FleetKeys.Domain.People;

namespace FleetKeys.Domain.Alarms;

/// <summary>A cabinet's alarm thresholds: how long its door may stand open, and when wrong PINs typed there lock a person out.</summary>
public sealed record AlarmSettings(TimeSpan DoorOpenLimit, PinLockoutPolicy PinLockout) : IFleetKeysMessage
{
    public static readonly AlarmSettings Default = new(TimeSpan.FromSeconds(120), PinLockoutPolicy.Default);
}
