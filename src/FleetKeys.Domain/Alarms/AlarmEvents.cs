using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

/// <summary>
/// <c>Person</c> is the alarm's person (as the read side raised it), so an operator's note about them is sealed under
/// their key and goes with their erasure; an alarm about no one keeps its notes clear. Null in events recorded before it
/// was kept, and then left out of the JSON, so those events (and the audit rows chained over them) read as before.
/// </summary>
public abstract record AlarmEvent(
    AlarmId Alarm, string By, [property: Personal] string? Note, CabinetId? Cabinet, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonId? Person = null) : IFleetKeysMessage;

public sealed record AlarmAcknowledged(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At, PersonId? Person = null)
    : AlarmEvent(Alarm, By, Note, Cabinet, At, Person);

public sealed record AlarmCleared(AlarmId Alarm, string By, string? Note, CabinetId? Cabinet, DateTimeOffset At, PersonId? Person = null)
    : AlarmEvent(Alarm, By, Note, Cabinet, At, Person);
