using FleetKeys.Domain.People;

namespace FleetKeys.Domain.Alarms;

/// <summary>
/// How an alarm answers whoever settles it: who acknowledged and cleared it, when and with what note — not the events
/// its state keeps, so callers never read the journal's facts as the entity holds them.
/// </summary>
public sealed record AlarmDetails(AlarmId Id, AlarmStep? Acknowledged, AlarmStep? Cleared) : IFleetKeysMessage
{
    public static AlarmDetails Of(AlarmState s) => new(s.Id, AlarmStep.Of(s.Acknowledged), AlarmStep.Of(s.Cleared));
}

/// <summary>One step an operator took in settling an alarm; its note shows as the erased person once the alarm's person is erased.</summary>
public sealed record AlarmStep(string By, string? Note, DateTimeOffset At) : IFleetKeysMessage
{
    public static AlarmStep? Of(AlarmEvent? step) => step is null ? null : new(step.By, ErasedPerson.Shown(step.Note), step.At);
}
