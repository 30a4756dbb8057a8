using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>"Return before you take another": a key whose policy says so goes only to someone holding no other key.</summary>
public class ReturnFirstTests
{
    [Fact]
    public void A_person_holding_a_key_is_refused_a_return_first_key()
    {
        var person = APerson.Default().Holding(Slot2, G1, S1).WithSession(S2, T0.AddMinutes(1));
        var refused = person.Decide(Grant(G2, S2, Slot1, T0.AddMinutes(1)) with { ReturnFirst = true }).Rejected(RejectionCode.ReturnFirst);
        Assert.Contains("return", refused.Message);
        // Below the limit of two, an ordinary key is still granted.
        person.Decide(Grant(G2, S2, Slot1, T0.AddMinutes(1))).Accepted();
    }

    [Fact]
    public void A_grant_still_being_collected_counts_as_holding()
    {
        var person = APerson.Default().WithSession(S1).WithGrant(G1, S1, Slot2);
        person.Decide(Grant(G2, S1, Slot1, T0.AddSeconds(1)) with { ReturnFirst = true }).Rejected(RejectionCode.ReturnFirst);
    }

    [Fact]
    public void Empty_handed_the_return_first_key_is_granted_and_once_returned_again()
    {
        APerson.Default().WithSession(S1).Decide(Grant(G1, S1) with { ReturnFirst = true }).Accepted();

        var returned = APerson.Default().Holding(Slot2, G1, S1).Run(new ConfirmReturned(Alice, Slot2, T0.AddMinutes(1)))
            .WithSession(S2, T0.AddMinutes(2));
        returned.Decide(Grant(G2, S2, Slot1, T0.AddMinutes(2)) with { ReturnFirst = true }).Accepted();
    }

    [Fact]
    public void A_remote_release_of_a_return_first_key_is_refused_too()
    {
        var person = APerson.Default().Holding(Slot2, G1, S1);
        person.Decide(new RequestRemoteGrant(Alice, G2, Slot1, T0.AddMinutes(1), T0.AddMinutes(2), ReturnFirst: true))
            .Rejected(RejectionCode.ReturnFirst);
        person.Decide(new RequestRemoteGrant(Alice, G2, Slot1, T0.AddMinutes(1), T0.AddMinutes(2))).Accepted();
    }
}
