using FleetKeys.Domain.Alarms;

namespace FleetKeys.Domain.Tests;

/// <summary>The operators' side of an alarm: acknowledged with a note, then cleared; each once, in that order.</summary>
public class AlarmLifecycleTests
{
    private static readonly AlarmId Alarm = new(42);

    private static AcknowledgeAlarm Acknowledge(DateTimeOffset? at = null) => new(Alarm, "ops", "on my way", Cab1, at ?? T0);

    private static ClearAlarm Clear(DateTimeOffset? at = null) => new(Alarm, "ops", "key back", Cab1, at ?? T0.AddMinutes(5));

    private static AlarmState Acknowledged() => AlarmState.Raised(Alarm).Apply(new AlarmAcknowledged(Alarm, "ops", "on my way", Cab1, T0));

    [Fact]
    public void An_alarm_is_acknowledged_by_whom_with_the_note_then_cleared()
    {
        var acknowledged = AlarmState.Raised(Alarm).Decide(Acknowledge()).OnlyEvent<AlarmAcknowledged, AlarmEvent>();
        var cleared = Acknowledged().Decide(Clear()).OnlyEvent<AlarmCleared, AlarmEvent>();

        Assert.Equal(new AlarmAcknowledged(Alarm, "ops", "on my way", Cab1, T0), acknowledged);
        Assert.Equal(new AlarmCleared(Alarm, "ops", "key back", Cab1, T0.AddMinutes(5)), cleared);
    }

    [Fact]
    public void Each_step_carries_the_alarms_person_whose_key_seals_its_note()
    {
        var acknowledged = AlarmState.Raised(Alarm).Decide(Acknowledge() with { Person = Alice }).OnlyEvent<AlarmAcknowledged, AlarmEvent>();
        var cleared = Acknowledged().Decide(Clear() with { Person = Alice }).OnlyEvent<AlarmCleared, AlarmEvent>();

        Assert.Equal(Alice, acknowledged.Person);
        Assert.Equal(Alice, cleared.Person);
    }

    [Fact]
    public void An_alarm_is_cleared_only_after_it_was_acknowledged_and_never_acknowledged_after_it_was_cleared()
    {
        AlarmState.Raised(Alarm).Decide(Clear()).Rejected(RejectionCode.Conflict);
        var cleared = Acknowledged().Apply(new AlarmCleared(Alarm, "ops", null, Cab1, T0.AddMinutes(5)));

        cleared.Decide(Acknowledge(T0.AddMinutes(6))).Rejected(RejectionCode.Conflict);
        cleared.Decide(Clear(T0.AddMinutes(6))).AcceptedWithoutEvents();
        Acknowledged().Decide(Acknowledge(T0.AddMinutes(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void An_alarm_that_cleared_itself_is_not_the_operators_to_settle()
    {
        var acknowledge = Acknowledge() with { ClearedItself = "the cabinet is back online" };
        var clear = Clear() with { ClearedItself = "the cabinet is back online" };

        var refused = AlarmState.Raised(Alarm).Decide(acknowledge).Rejection;
        Acknowledged().Decide(clear).Rejected(RejectionCode.Conflict);

        Assert.Equal(RejectionCode.Conflict, refused?.Code);
        Assert.Equal("alarm 42 cleared itself: the cabinet is back online", refused?.Message);
    }
}
