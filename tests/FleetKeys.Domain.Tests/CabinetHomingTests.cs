namespace FleetKeys.Domain.Tests;

public class CabinetHomingTests
{
    [Fact]
    public void Homing_a_key_records_its_slot()
    {
        var cabinet = ACabinet.Registered();
        var homed = cabinet.Decide(new HomeKey(Cab1, 3, ForeignTag, T0)).OnlyEvent<KeyHomed, CabinetEvent>();
        Assert.Equal(new KeyHomed(Cab1, 3, ForeignTag, T0), homed);
        Assert.Equal(3, cabinet.Apply(homed).HomeOf(ForeignTag));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ACabinet.Slots + 1)]
    public void A_slot_outside_the_cabinet_is_unknown(int slot)
    {
        ACabinet.Registered().Decide(new HomeKey(Cab1, slot, ForeignTag, T0)).Rejected(RejectionCode.UnknownSlot);
    }

    [Fact]
    public void The_last_slot_exists()
    {
        ACabinet.Registered().Decide(new HomeKey(Cab1, ACabinet.Slots, ForeignTag, T0)).OnlyEvent<KeyHomed, CabinetEvent>();
    }

    [Fact]
    public void A_tag_homed_elsewhere_is_a_conflict()
    {
        ACabinet.Registered().Decide(new HomeKey(Cab1, 3, Tag1, T0)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void Homing_the_same_tag_in_the_same_slot_again_changes_nothing()
    {
        ACabinet.Registered().Decide(new HomeKey(Cab1, 1, Tag1, T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_keys_lists_are_kept_by_its_slot_for_the_controller_until_it_asks_nothing_or_leaves()
    {
        var asking = new CustodyQuestions(["Delivery", "Service"], Odometer: true);
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 1, Tag1, T0, Questions: asking));
        Assert.Equal(asking, CabinetDetails.Of(cabinet, T0).Questions[1]);

        // The same lists again are no change; lists that ask nothing are none.
        cabinet.Decide(new HomeKey(Cab1, 1, Tag1, T0, Questions: asking with { Reasons = ["Delivery", "Service"] })).AcceptedWithoutEvents();
        var silent = cabinet.Decide(new HomeKey(Cab1, 1, Tag1, T0, Questions: CustodyQuestions.None)).OnlyEvent<KeyHomed, CabinetEvent>();
        Assert.Null(silent.Questions);
        Assert.Empty(cabinet.Apply(silent).Questions);
        Assert.Empty(cabinet.Run(new UnhomeKey(Cab1, 1, T0)).Questions);
    }

    [Fact]
    public void Homing_another_tag_in_a_slot_replaces_the_old_one()
    {
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 1, ForeignTag, T0));
        Assert.Equal(1, cabinet.HomeOf(ForeignTag));
        Assert.Null(cabinet.HomeOf(Tag1));

        // The old tag is free to be homed elsewhere now.
        cabinet.Decide(new HomeKey(Cab1, 3, Tag1, T0)).OnlyEvent<KeyHomed, CabinetEvent>();
    }

    [Fact]
    public void An_unknown_tag_has_no_home()
    {
        Assert.Null(ACabinet.Registered().HomeOf(ForeignTag));
    }
}

public class CabinetKeyGroupTests
{
    [Fact]
    public void Homing_records_the_key_group_and_a_changed_group_is_recorded_again()
    {
        var homed = ACabinet.Registered().Run(new HomeKey(Cab1, 3, ForeignTag, T0, Vans));

        Assert.Equal(Vans, homed.Groups[3]);
        homed.Decide(new HomeKey(Cab1, 3, ForeignTag, T0, Vans)).AcceptedWithoutEvents();
        Assert.Equal(Vault, homed.Run(new HomeKey(Cab1, 3, ForeignTag, T0, Vault)).Groups[3]);
    }
}
