using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>Wrong PINs are counted by the person within the cabinet's window; too many lock every session for a while.</summary>
public class PersonPinLockoutTests
{
    private static readonly PinLockoutPolicy ThreeInFiveMinutes = new(3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));

    private static OpenSession Typed(string pin, DateTimeOffset at, PinLockoutPolicy? policy = null) =>
        Open(S1, at, pin: pin, pinRequired: true) with { PinLockout = policy ?? ThreeInFiveMinutes };

    private static PersonState WrongPins(PersonState person, params int[] minutes) =>
        minutes.Aggregate(person, (p, m) => p.Attempt(Typed("0000", T0.AddMinutes(m))));

    [Fact]
    public void The_last_wrong_pin_allowed_within_the_window_locks_the_person_and_is_refused_as_locked()
    {
        var person = WrongPins(APerson.Default(), 0, 1);

        var recorded = person.Decide(Typed("0000", T0.AddMinutes(2))).RefusedRecording(RejectionCode.PinLocked);

        Assert.Equal([new WrongPinEntered(Alice, Cab1, 3, T0.AddMinutes(17), T0.AddMinutes(2))], recorded);
    }

    [Fact]
    public void While_locked_even_the_right_pin_and_a_cabinet_without_pins_are_refused()
    {
        var locked = WrongPins(APerson.Default(), 0, 1, 2);

        Assert.Empty(locked.Decide(Typed(APerson.Pin, T0.AddMinutes(16))).RefusedRecording(RejectionCode.PinLocked));
        locked.Decide(Open(S1, T0.AddMinutes(16))).Rejected(RejectionCode.PinLocked);
    }

    [Fact]
    public void The_lock_ends_after_its_period()
    {
        var locked = WrongPins(APerson.Default(), 0, 1, 2);

        locked.Decide(Typed(APerson.Pin, T0.AddMinutes(17))).Accepted();
    }

    [Fact]
    public void Wrong_pins_older_than_the_window_do_not_count()
    {
        var person = WrongPins(APerson.Default(), 0, 4);

        var recorded = person.Decide(Typed("0000", T0.AddMinutes(6))).RefusedRecording(RejectionCode.WrongPin);

        Assert.Equal(2, Assert.IsType<WrongPinEntered>(Assert.Single(recorded)).Failures);
    }

    [Fact]
    public void Without_a_cabinet_policy_the_default_of_five_applies()
    {
        var person = Enumerable.Range(0, 4).Aggregate(APerson.Default(), (p, m) => p.Attempt(Open(S1, T0.AddMinutes(m), pin: "0000", pinRequired: true)));

        person.Decide(Open(S1, T0.AddMinutes(4), pin: "0000", pinRequired: true)).RefusedRecording(RejectionCode.PinLocked);
    }

    [Fact]
    public void A_new_pin_lifts_the_lock()
    {
        var locked = WrongPins(APerson.Default(), 0, 1, 2);

        var unlocked = locked.Run(new SetPin(Alice, APerson.Pin, APerson.PinHashed, T0.AddMinutes(3)));

        Assert.Null(unlocked.PinLockedUntil);
        unlocked.Decide(Typed(APerson.Pin, T0.AddMinutes(4))).Accepted();
    }

    [Fact]
    public void The_person_keeps_only_as_many_failures_as_a_policy_can_count()
    {
        var lenient = new PinLockoutPolicy(PinLockoutPolicy.MaxAttempts, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var person = Enumerable.Range(0, 40).Aggregate(APerson.Default(),
            (p, h) => p.Attempt(Typed("0000", T0.AddHours(h), lenient)));

        Assert.Equal(PinLockoutPolicy.MaxAttempts, person.PinFailures.Count);
        Assert.Equal(T0.AddHours(39), person.PinFailures[^1]);
    }
}
