namespace FleetKeys.Domain.Tests;

/// <summary>An outside system's changes arrive in any order: the newest it sent stays, whatever arrives after it.</summary>
public class PersonSourceOrderTests
{
    private static SourceVersion Acs(long version) => new("access-control", version);

    [Fact]
    public void A_change_older_than_the_last_applied_from_its_source_changes_nothing_and_says_which_was_kept()
    {
        var person = APerson.Default().Run(new RenamePerson(Alice, "Alice Newer", T0) { Sent = Acs(20) });

        var late = person.Decide(new RenamePerson(Alice, "Alice Older", T0.AddMinutes(1)) { Sent = Acs(10) });

        var rejection = late.Rejected(RejectionCode.Outdated);
        Assert.Contains("20 is kept", rejection.Message);
        Assert.Empty(late.Events);
        Assert.Equal(20, person.SourceVersions["access-control"]);
    }

    [Fact]
    public void A_replayed_change_is_applied_once_and_the_steps_of_one_change_share_its_version()
    {
        var renamed = APerson.Default().Run(new RenamePerson(Alice, "Alice L.", T0) { Sent = Acs(5) });
        var moved = renamed.Run(new SetValidity(Alice, T0, T0.AddDays(30), T0) { Sent = Acs(5) });

        moved.Decide(new RenamePerson(Alice, "Alice L.", T0.AddMinutes(1)) { Sent = Acs(5) }).AcceptedWithoutEvents();
        Assert.Equal(("Alice L.", T0.AddDays(30)), (moved.Name, moved.ValidUntil));
    }

    [Fact]
    public void A_newer_change_that_finds_nothing_to_change_still_keeps_older_ones_out()
    {
        var person = APerson.Default().Run(new RenamePerson(Alice, "Alice L.", T0) { Sent = Acs(1) });

        var same = person.Decide(new RenamePerson(Alice, "Alice L.", T0.AddMinutes(1)) { Sent = Acs(3) }).OnlyEvent<SourceVersionRecorded, PersonEvent>();
        var after = person.Apply(same);

        after.Decide(new RenamePerson(Alice, "Alice Old", T0.AddMinutes(2)) { Sent = Acs(2) }).Rejected(RejectionCode.Outdated);
        after.Decide(new RenamePerson(Alice, "Alice Other", T0.AddMinutes(2)) { Sent = new SourceVersion("hr", 2) })
            .OnlyEvent<PersonRenamed, PersonEvent>();
    }

    [Fact]
    public void Validity_is_set_changed_and_opened_and_must_end_after_it_starts()
    {
        var set = APerson.Default().Run(new SetValidity(Alice, T0, T0.AddDays(1), T0));
        var open = set.Run(new SetValidity(Alice, null, null, T0.AddMinutes(1)));

        Assert.Equal((T0, T0.AddDays(1)), (set.ValidFrom!.Value, set.ValidUntil!.Value));
        Assert.Equal((null, null), (open.ValidFrom, open.ValidUntil));
        open.Decide(new SetValidity(Alice, T0, T0, T0)).Rejected(RejectionCode.Invalid);
        open.Decide(new SetValidity(Alice, null, null, T0)).AcceptedWithoutEvents();
    }
}
