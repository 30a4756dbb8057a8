namespace FleetKeys.Domain.Tests;

/// <summary>A PIN older than the fleet allows opens no session until it is changed; the person changes it with the current one.</summary>
public class PersonPinExpiryTests
{
    private static readonly TimeSpan NinetyDays = TimeSpan.FromDays(90);
    private const string Duress = "9110";

    /// <summary>Alice's PIN (<see cref="APerson.Pin"/>) set at T0, and a duress PIN.</summary>
    private static PersonState Alice() => new APerson { HasPin = false }.Build()
        .Run(new SetPin(TestData.Alice, APerson.Pin, APerson.PinHashed, T0) { PinPepper = Pepper })
        .Run(new SetDuressPin(TestData.Alice, Duress, PinHash.Create(Duress, Pepper, 1_000), T0) { PinPepper = Pepper });

    private static OpenSession Open(string pin, DateTimeOffset at, TimeSpan? expiresAfter) =>
        PersonSteps.Open(SessionId.New(), at: at, pin: pin, pinRequired: true) with { PinExpiresAfter = expiresAfter };

    private static ChangePin Change(string oldPin, string pin, DateTimeOffset at) =>
        new ChangePin(TestData.Alice, oldPin, pin, PinHash.Create(pin, Pepper, 1_000), at, "alice") { PinPepper = Pepper };

    [Fact]
    public void A_pin_older_than_the_limit_opens_no_session_and_says_when_it_expired()
    {
        var person = Alice();

        person.Decide(Open(APerson.Pin, T0 + NinetyDays - TimeSpan.FromMinutes(1), NinetyDays)).OnlyEvent<SessionOpened, PersonEvent>();
        var expired = person.Decide(Open(APerson.Pin, T0 + NinetyDays, NinetyDays)).Rejected(RejectionCode.PinExpired);
        Assert.Contains($"{T0 + NinetyDays:u}", expired.Message);
    }

    [Fact]
    public void Without_a_limit_a_pin_never_expires()
    {
        Alice().Decide(Open(APerson.Pin, T0.AddYears(5), null)).OnlyEvent<SessionOpened, PersonEvent>();
    }

    [Fact]
    public void The_duress_pin_still_opens_the_session_when_the_pin_has_expired_so_nobody_behind_the_person_learns_of_it()
    {
        var events = Alice().Decide(Open(Duress, T0 + NinetyDays * 2, NinetyDays)).Events;

        Assert.Contains(events, e => e is SessionOpened);
        Assert.Contains(events, e => e is DuressPinEntered);
    }

    [Fact]
    public void Changing_the_pin_with_the_current_one_sets_a_new_pin_whose_age_starts_again()
    {
        var later = T0 + NinetyDays * 2;

        var changed = Alice().Run(Change(APerson.Pin, "2468", later));

        Assert.Equal(later, changed.PinSetAt);
        Assert.Equal(later + NinetyDays, changed.PinExpiresAt(NinetyDays));
        changed.Decide(Open("2468", later.AddDays(1), NinetyDays)).OnlyEvent<SessionOpened, PersonEvent>();
    }

    [Fact]
    public void A_change_needs_the_current_pin_and_a_new_pin_unlike_the_current_and_the_duress_pin()
    {
        var wrongOld = Alice().Decide(Change("0000", "2468", T0)).Rejected(RejectionCode.WrongPin);
        var same = Alice().Decide(Change(APerson.Pin, APerson.Pin, T0)).Rejected(RejectionCode.Invalid);
        var duress = Alice().Decide(Change(APerson.Pin, Duress, T0)).Rejected(RejectionCode.Invalid);

        Assert.Equal(("oldPin", "pin", "pin"), (wrongOld.Field, same.Field, duress.Field));
        new APerson { HasPin = false }.Build().Decide(Change(APerson.Pin, "2468", T0)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void A_wrong_current_pin_typed_at_a_cabinet_counts_towards_its_lock_out()
    {
        var policy = new PinLockoutPolicy(2, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));
        ChangePin AtCabinet(string oldPin, DateTimeOffset at) => Change(oldPin, "2468", at) with { Cabinet = Cab1, PinLockout = policy };

        var once = Alice().Decide(AtCabinet("0000", T0));
        var locked = Alice().Attempt(AtCabinet("0000", T0)).Decide(AtCabinet("0001", T0.AddMinutes(1)));

        Assert.Equal(RejectionCode.WrongPin, once.Rejection!.Code);
        Assert.Equal(new WrongPinEntered(TestData.Alice, Cab1, 1, null, T0), Assert.Single(once.Events));
        Assert.Equal(RejectionCode.PinLocked, locked.Rejection!.Code);
        Alice().Attempt(AtCabinet("0000", T0)).Attempt(AtCabinet("0001", T0.AddMinutes(1)))
            .Decide(AtCabinet(APerson.Pin, T0.AddMinutes(2))).Rejected(RejectionCode.PinLocked);
    }
}
