namespace FleetKeys.Domain.Tests;

public class PersonChangeOriginTests
{
    [Fact]
    public void Every_event_a_change_decides_records_the_changes_origin()
    {
        var revoked = APerson.Default().Decide(new RevokePerson(Alice, PersonStatus.Suspended, "lost badge", T0) { Origin = "api-key:ops" });
        var renamed = APerson.Default().Decide(new RenamePerson(Alice, "Alice L.", T0) { Origin = ChangeOrigin.Webhook("evt-1") });

        Assert.All(revoked.Events, e => Assert.Equal("api-key:ops", e.Origin));
        Assert.Equal("webhook:evt-1", renamed.OnlyEvent<PersonRenamed, PersonEvent>().Origin);
    }

    [Fact]
    public void A_change_of_unknown_origin_records_none()
    {
        var added = APerson.Default().Decide(new AddBadge(Alice, new BadgeNumber("B9"), T0)).OnlyEvent<BadgeAdded, PersonEvent>();

        Assert.Null(added.Origin);
    }
}
