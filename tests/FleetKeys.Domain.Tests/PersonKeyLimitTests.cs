namespace FleetKeys.Domain.Tests;

public class PersonKeyLimitTests
{
    [Fact]
    public void The_key_limit_changes_a_repeat_records_nothing_and_it_cannot_be_negative()
    {
        var raised = APerson.Default().Run(new SetKeyLimit(Alice, 5, T0));

        Assert.Equal(5, raised.MaxKeys);
        raised.Decide(new SetKeyLimit(Alice, 5, T0.AddMinutes(1))).AcceptedWithoutEvents();
        raised.Decide(new SetKeyLimit(Alice, -1, T0.AddMinutes(1))).Rejected(RejectionCode.Invalid);
    }
}
