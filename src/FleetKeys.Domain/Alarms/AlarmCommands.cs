using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

public interface IAlarmMessage : IFleetKeysMessage
{
    AlarmId Alarm { get; }
}

/// <summary><c>Cabinet</c> travels with the alarm's lifecycle so live subscribers can filter it by place.</summary>
public abstract record AlarmCommand(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At) : IAlarmMessage;

public sealed record AcknowledgeAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmCommand(Alarm, By, Note, Cabinet, At);

public sealed record ClearAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmCommand(Alarm, By, Note, Cabinet, At);

public sealed record GetAlarm(AlarmId Alarm) : IAlarmMessage;
