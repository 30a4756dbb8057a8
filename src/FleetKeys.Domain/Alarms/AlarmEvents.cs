using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

public abstract record AlarmEvent(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At) : IFleetKeysMessage;

public sealed record AlarmAcknowledged(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmEvent(Alarm, By, Note, Cabinet, At);

public sealed record AlarmCleared(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmEvent(Alarm, By, Note, Cabinet, At);
