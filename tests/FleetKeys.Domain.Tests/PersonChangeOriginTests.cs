namespace FleetKeys.Domain.Tests;

public class PersonChangeOriginTests
{
    [Fact]
    public void Every_event_a_change_decides_records_the_changes_origin()
    {
        var revoked = APerson.Default().Decide(new RevokePerson(Alice, PersonStatus.Suspended, "lost badge", T0) { Origin = new ChangeOrigin(OriginKind.ApiKey, "ops") });
        var renamed = APerson.Default().Decide(new RenamePerson(Alice, "Alice L.", T0) { Origin = ChangeOrigin.Webhook("evt-1") });

        Assert.All(revoked.Events, e => Assert.Equal("api-key:ops", e.Origin?.ToString()));
        Assert.Equal("webhook:evt-1", renamed.OnlyEvent<PersonRenamed, PersonEvent>().Origin?.ToString());
    }

    [Fact]
    public void A_change_of_unknown_origin_records_none()
    {
        var added = APerson.Default().Decide(new AddBadge(Alice, new BadgeNumber("B9"), T0)).OnlyEvent<BadgeAdded, PersonEvent>();

        Assert.Null(added.Origin);
    }

    [Fact]
    public void The_person_remembers_where_the_revocation_in_force_came_from_until_reinstated()
    {
        var revoked = APerson.Default().Run(new RevokePerson(Alice, PersonStatus.Suspended, "left", T0) { Origin = ChangeOrigin.ScimToken("okta") });
        var reinstated = revoked.Run(new ReinstatePerson(Alice, T0.AddHours(1)));

        Assert.Equal(OriginKind.Scim, revoked.RevokedBy?.Kind);
        Assert.Null(reinstated.RevokedBy);
    }

    [Theory]
    [InlineData("api-key:ops", OriginKind.ApiKey, "ops")]
    [InlineData("fleetctl:night-shift", OriginKind.Fleetctl, "night-shift")]
    [InlineData("scim:okta", OriginKind.Scim, "okta")]
    [InlineData("console:alice@example.com", OriginKind.Console, "alice@example.com")]
    [InlineData("webhook:evt-1", OriginKind.Webhook, "evt-1")]
    [InlineData("import:sha256:ab12", OriginKind.Import, "sha256:ab12")]
    public void An_origin_reads_back_from_the_form_events_store(string stored, OriginKind kind, string name)
    {
        var origin = ChangeOrigin.Parse(stored);

        Assert.Equal(new ChangeOrigin(kind, name), origin);
        Assert.Equal(stored, origin.ToString());
    }

    [Theory]
    [InlineData("scimx:okta")]
    [InlineData("okta")]
    [InlineData(":okta")]
    public void A_text_of_no_known_surface_is_not_an_origin(string text) =>
        Assert.Throws<FormatException>(() => ChangeOrigin.Parse(text));
}
