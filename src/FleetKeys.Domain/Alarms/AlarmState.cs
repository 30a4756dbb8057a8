namespace FleetKeys.Domain.Alarms;

/// <summary>
/// The operators' side of an alarm's lifecycle: raised → acknowledged (by whom, with a note) → cleared. Raising is the
/// read side's for now (see <see cref="AlarmSources"/>); whether the alarm exists is checked there before asking here, and
/// what the read side did by itself comes with the command (<see cref="AlarmCommand.ClearedItself"/>).
/// </summary>
public sealed record AlarmState(AlarmId Id, AlarmAcknowledged? Acknowledged, AlarmCleared? Cleared)
    : IEntityState<AlarmState, AlarmCommand, AlarmEvent>, IFleetKeysMessage
{
    public static AlarmState Raised(AlarmId id) => new(id, null, null);

    public Decision<AlarmEvent> Decide(AlarmCommand command) => command switch
    {
        // Its cause went away on its own: nothing is left for an operator to settle, and nothing is recorded as if they had.
        { ClearedItself: { } why } => Rejection.Of(RejectionCode.Conflict, $"alarm {Id} cleared itself: {why}"),
        AcknowledgeAlarm when Cleared is not null => Rejection.Of(RejectionCode.Conflict, $"alarm {Id} is cleared already"),
        AcknowledgeAlarm when Acknowledged is not null => Decision<AlarmEvent>.Accept(),
        AcknowledgeAlarm c => Decision<AlarmEvent>.Accept(new AlarmAcknowledged(Id, c.By, c.Note, c.Cabinet, c.At, c.Person)),
        ClearAlarm when Cleared is not null => Decision<AlarmEvent>.Accept(),
        ClearAlarm when Acknowledged is null => Rejection.Of(RejectionCode.Conflict, $"alarm {Id} must be acknowledged before it is cleared"),
        ClearAlarm c => Decision<AlarmEvent>.Accept(new AlarmCleared(Id, c.By, c.Note, c.Cabinet, c.At, c.Person)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled alarm command"),
    };

    public AlarmState Apply(AlarmEvent @event) => @event switch
    {
        AlarmAcknowledged e => this with { Acknowledged = e },
        AlarmCleared e => this with { Cleared = e },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled alarm event"),
    };
}
