using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

public interface IAlarmMessage : IFleetKeysMessage
{
    AlarmId Alarm { get; }
}

/// <summary>
/// <c>Cabinet</c> travels with the alarm's lifecycle so live subscribers can filter it by place; <c>Person</c>, the
/// alarm's person, so the note is sealed under their key (<see cref="AlarmEvent"/>).
/// </summary>
public abstract record AlarmCommand(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At, PersonId? Person = null)
    : IAlarmMessage, IAsk<AlarmDetails>
{
    /// <summary>
    /// Set when the read side, which raises alarms, cleared this one by itself (a cabinet back online), with its note;
    /// the alarm decides what that means for the operators.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClearedItself { get; init; }
}

public sealed record AcknowledgeAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At, PersonId? Person = null)
    : AlarmCommand(Alarm, By, Note, Cabinet, At, Person);

public sealed record ClearAlarm(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At, PersonId? Person = null)
    : AlarmCommand(Alarm, By, Note, Cabinet, At, Person);

public sealed record GetAlarm(AlarmId Alarm) : IAlarmMessage, IAsk<AlarmDetails>;
