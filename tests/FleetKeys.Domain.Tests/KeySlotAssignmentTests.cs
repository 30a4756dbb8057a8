namespace FleetKeys.Domain.Tests;

public class KeySlotAssignmentTests
{
    [Fact]
    public void Assigning_a_key_puts_it_in_the_slot()
    {
        var key = ASlot.Key();
        var assigned = ASlot.Unassigned().Decide(new AssignKey(Slot1, key, Berlin, T0)).OnlyEvent<KeyAssigned, KeySlotEvent>();
        Assert.Equal(new KeyAssigned(Slot1, key, Berlin, T0), assigned);

        var slot = ASlot.Unassigned().Apply(assigned);
        Assert.Equal(CustodyStatus.InSlot, slot.Status);
        Assert.Equal(key, slot.Key);
        Assert.Equal(Berlin, slot.TimeZoneId);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(" ")]
    public void An_unknown_time_zone_is_invalid(string zone)
    {
        ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(), zone, T0)).Rejected(RejectionCode.Invalid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_maximum_duration_that_is_not_positive_is_invalid(int minutes)
    {
        var key = ASlot.Key(policy: new CustodyPolicy(TimeSpan.FromMinutes(minutes), null));
        ASlot.Unassigned().Decide(new AssignKey(Slot1, key, Berlin, T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void Assigning_the_same_key_again_changes_nothing()
    {
        var key = ASlot.Key();
        var slot = ASlot.Unassigned().Run(new AssignKey(Slot1, key, Berlin, T0));

        slot.Decide(new AssignKey(Slot1, key, Berlin, T0.AddDays(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_key_in_its_slot_can_be_reassigned()
    {
        var other = ASlot.Key(tag: Tag2);
        var assigned = ASlot.InSlot().Decide(new AssignKey(Slot1, other, NewYork, T0)).OnlyEvent<KeyAssigned, KeySlotEvent>();
        Assert.Equal(other, ASlot.InSlot().Apply(assigned).Key);
    }

    [Theory]
    [InlineData("Released")]
    [InlineData("Out")]
    [InlineData("Missing")]
    public void A_slot_whose_key_is_in_custody_cannot_be_reassigned(string state)
    {
        var slot = state switch
        {
            "Released" => ASlot.Released(),
            "Out" => ASlot.Out(),
            _ => ASlot.Missing(),
        };
        slot.Decide(new AssignKey(Slot1, ASlot.Key(tag: Tag2), Berlin, T0.AddMinutes(20))).Rejected(RejectionCode.Conflict);
    }

    /// <summary>Provisioning is repeated on every start (the demo's), whatever the custody: the same key is no change.</summary>
    [Theory]
    [InlineData("Released")]
    [InlineData("Out")]
    [InlineData("Missing")]
    public void Assigning_the_same_key_again_while_it_is_in_custody_changes_nothing(string state)
    {
        var slot = state switch
        {
            "Released" => ASlot.Released(),
            "Out" => ASlot.Out(),
            _ => ASlot.Missing(),
        };
        slot.Decide(new AssignKey(Slot1, ASlot.Key(), Berlin, T0.AddMinutes(20))).AcceptedWithoutEvents();
    }
}
