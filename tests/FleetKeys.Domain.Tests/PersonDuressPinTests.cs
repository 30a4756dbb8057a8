using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>The duress PIN opens a session exactly like the PIN, and records that the person is under duress.</summary>
public class PersonDuressPinTests
{
    private const string Duress = "9110";
    private static readonly string DuressHashed = PinHash.Create(Duress, Pepper, 1_000);

    private static PersonState WithDuressPin() => APerson.Default().Run(new SetDuressPin(Alice, Duress, DuressHashed, T0.AddDays(-1)));

    [Fact]
    public void The_duress_pin_opens_the_same_session_and_records_the_duress()
    {
        var person = WithDuressPin();
        var normal = person.Decide(Open(S1, pin: APerson.Pin, pinRequired: true)).Accepted();

        var underDuress = person.Decide(Open(S1, pin: Duress, pinRequired: true)).Accepted();

        Assert.Equal([normal.Single(), new DuressPinEntered(Alice, Cab1, T0)], underDuress);
    }

    [Fact]
    public void Under_duress_a_refusal_still_records_the_duress()
    {
        var person = new APerson { Entitlements = [APerson.At(Cab2)] }.Build().Run(new SetDuressPin(Alice, Duress, DuressHashed, T0.AddDays(-1)));

        var recorded = person.Decide(Open(S1, pin: Duress, pinRequired: true)).RefusedRecording(RejectionCode.NotEntitled);

        Assert.Equal([new DuressPinEntered(Alice, Cab1, T0)], recorded);
    }

    [Fact]
    public void A_cleared_duress_pin_is_just_a_wrong_pin()
    {
        var person = WithDuressPin().Run(new ClearDuressPin(Alice, T0.AddHours(-1)));

        Assert.IsType<WrongPinEntered>(Assert.Single(person.Decide(Open(S1, pin: Duress, pinRequired: true)).RefusedRecording(RejectionCode.WrongPin)));
    }

    [Fact]
    public void A_duress_pin_equal_to_the_pin_is_refused_naming_the_pin_field()
    {
        var refused = APerson.Default().Decide(new SetDuressPin(Alice, APerson.Pin, PinHash.Create(APerson.Pin, Pepper, 1_000), T0) { PinPepper = Pepper });

        Assert.Equal(RejectionCode.Invalid, refused.Rejection?.Code);
        Assert.Equal("pin", refused.Rejection?.Field);
        Assert.Equal("must differ from the person's PIN", refused.Rejection?.Message);
    }

    [Fact]
    public void A_pin_equal_to_the_duress_pin_is_refused_and_a_different_one_is_set()
    {
        var person = WithDuressPin();

        var same = person.Decide(new SetPin(Alice, Duress, PinHash.Create(Duress, Pepper, 1_000), T0) { PinPepper = Pepper });
        var other = person.Decide(new SetPin(Alice, "2468", PinHash.Create("2468", Pepper, 1_000), T0) { PinPepper = Pepper });

        Assert.Equal("must differ from the person's duress PIN", same.Rejection?.Message);
        Assert.Equal("pin", same.Rejection?.Field);
        Assert.IsType<PinSet>(Assert.Single(other.Accepted()));
    }

    [Fact]
    public void Neither_the_command_nor_the_event_shows_the_pin_or_its_hash()
    {
        var set = new SetDuressPin(Alice, Duress, DuressHashed, T0);
        var recorded = APerson.Default().Decide(set).OnlyEvent<DuressPinSet, PersonEvent>();

        Assert.DoesNotContain(DuressHashed, set.ToString());
        Assert.DoesNotContain(Duress, set.ToString());
        Assert.DoesNotContain(DuressHashed, recorded.ToString());
    }
}
