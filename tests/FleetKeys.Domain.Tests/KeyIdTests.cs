using FleetKeys.Domain.KeyIds;

namespace FleetKeys.Domain.Tests;

/// <summary>The key id directory: one key id, one slot — until that slot carries another key.</summary>
public class KeyIdTests
{
    private static readonly KeyId Master = new("master-1");
    private static readonly KeyIdState Unclaimed = new(Master, null);
    private static readonly KeyIdState HeldBySlot1 = Unclaimed.Apply(new KeyIdClaimed(Master, Slot1, T0));

    [Fact]
    public void An_unclaimed_key_id_goes_to_the_slot_that_claims_it()
    {
        var claimed = Unclaimed.Decide(new ClaimKeyId(Master, Slot1, T0)).OnlyEvent<KeyIdClaimed, KeyIdClaimed>();

        Assert.Equal(Slot1, Unclaimed.Apply(claimed).Slot);
    }

    [Fact]
    public void The_slot_that_holds_a_key_id_claims_it_again_without_a_change()
    {
        HeldBySlot1.Decide(new ClaimKeyId(Master, Slot1, T0.AddDays(1)) { HolderStillCarriesIt = false }).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_key_id_another_slot_still_carries_cannot_be_claimed()
    {
        HeldBySlot1.Decide(new ClaimKeyId(Master, Cab2Slot1, T0) { HolderStillCarriesIt = true }).Rejected(RejectionCode.Conflict);
        HeldBySlot1.Decide(new ClaimKeyId(Master, Cab2Slot1, T0)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void A_key_id_whose_slot_carries_another_key_now_moves_to_the_slot_that_claims_it()
    {
        var moved = HeldBySlot1.Decide(new ClaimKeyId(Master, Cab2Slot1, T0) { HolderStillCarriesIt = false }).OnlyEvent<KeyIdClaimed, KeyIdClaimed>();

        Assert.Equal(Cab2Slot1, HeldBySlot1.Apply(moved).Slot);
    }
}
