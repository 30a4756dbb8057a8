using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

public interface IAlarmMessage : IFleetKeysMessage
{
    AlarmId Alarm { get; }
}

/// <summary><c>Cabinet</c> travels with the alarm's lifecycle so live subscribers can filter it by place.</summary>
public abstract record AlarmCommand(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At) : IAlarmMessage, IAsk<AlarmDetails>
{
    /// <summary>
    /// Set when the read side, which raises alarms, cleared this one by itself (a cabinet back online), with its note;
    /// the alarm decides what that means for the operators.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClearedItself { get; init; }
}

public sealed record AcknowledgeAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmCommand(Alarm, By, Note, Cabinet, At);

public sealed record ClearAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At)
    : AlarmCommand(Alarm, By, Note, Cabinet, At);

public sealed record GetAlarm(AlarmId Alarm) : IAlarmMessage, IAsk<AlarmDetails>;
