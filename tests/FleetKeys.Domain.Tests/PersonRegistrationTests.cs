namespace FleetKeys.Domain.Tests;

public class PersonRegistrationTests
{
    [Fact]
    public void Register_a_new_person()
    {
        var from = T0.AddDays(-1);
        var until = T0.AddDays(100);
        var registered = PersonState.Empty(Alice)
            .Decide(new RegisterPerson(Alice, "Alice A.", from, until, 3, T0))
            .OnlyEvent<PersonRegistered, PersonEvent>();

        Assert.Equal(new PersonRegistered(Alice, "Alice A.", from, until, 3, T0), registered);

        var state = PersonState.Empty(Alice).Apply(registered);
        Assert.True(state.Registered);
        Assert.Equal("Alice A.", state.Name);
        Assert.Equal(PersonStatus.Active, state.Status);
        Assert.Equal(from, state.ValidFrom);
        Assert.Equal(until, state.ValidUntil);
        Assert.Equal(3, state.MaxKeys);
    }

    [Fact]
    public void Registering_twice_is_refused()
    {
        APerson.Default()
            .Decide(new RegisterPerson(Alice, "Alice again", null, null, 1, T0))
            .Rejected(RejectionCode.AlreadyExists);
    }

    public static TheoryData<PersonCommand> CommandsForAnyone() => new()
    {
        new AddBadge(Alice, Badge1, T0),
        new SetPin(Alice, APerson.Pin, APerson.PinHashed, T0),
        new SetEntitlements(Alice, [APerson.Everywhere], T0),
        new RevokePerson(Alice, PersonStatus.Terminated, "left", T0),
        new ReinstatePerson(Alice, T0),
        PersonSteps.Open(S1),
        PersonSteps.Grant(G1, S1),
        new ConfirmTaken(Alice, G1, Slot1, T0),
        new ConfirmGrantLapsed(Alice, G1, T0),
        new ConfirmReturned(Alice, Slot1, T0),
        new CloseSession(Alice, S1, T0),
    };

    [Theory]
    [MemberData(nameof(CommandsForAnyone))]
    public void An_unknown_person_is_not_found(PersonCommand command)
    {
        PersonState.Empty(Alice).Decide(command).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Adding_a_badge_is_recorded_once()
    {
        var person = APerson.Default();
        var added = person.Decide(new AddBadge(Alice, Badge1, T0)).OnlyEvent<BadgeAdded, PersonEvent>();
        person = person.Apply(added);
        Assert.Equal([Badge1], person.Badges);

        person.Decide(new AddBadge(Alice, Badge1, T0.AddMinutes(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Setting_a_pin_stores_only_the_hash_and_who_set_it()
    {
        var hash = PinHash.Create("9876", Pepper, 1_000);
        var person = new APerson { HasPin = false }.Build();
        Assert.Null(person.PinHash);

        var set = person.Decide(new SetPin(Alice, "9876", hash, T0, "admin")).OnlyEvent<PinSet, PersonEvent>();
        Assert.Equal(new PinSet(Alice, hash, T0, "admin"), set);
        Assert.Equal(hash, person.Apply(set).PinHash);
        Assert.DoesNotContain(hash, set.ToString());
    }

    [Fact]
    public void Setting_entitlements_replaces_the_previous_ones()
    {
        var person = APerson.Default();
        var only = APerson.At(Cab2, Vault);
        var set = person.Decide(new SetEntitlements(Alice, [only], T0)).OnlyEvent<EntitlementsSet, PersonEvent>();
        Assert.Equal([only], person.Apply(set).Entitlements);
    }
}

public class PersonEntitlementChangeTests
{
    private static Schedule Weekdays() => new([new WeeklyWindow([DayOfWeek.Monday, DayOfWeek.Friday], new TimeOnly(7, 0), new TimeOnly(19, 0))]);

    [Fact]
    public void Setting_equal_entitlements_again_changes_nothing_even_as_new_instances()
    {
        var person = APerson.Default().Run(new SetEntitlements(Alice, [APerson.At(Cab1, Vans, Weekdays())], T0));

        person.Decide(new SetEntitlements(Alice, [APerson.At(Cab1, Vans, Weekdays())], T0)).AcceptedWithoutEvents();
        person.Decide(new SetEntitlements(Alice, [APerson.At(Cab1, Vault, Weekdays())], T0)).OnlyEvent<EntitlementsSet, PersonEvent>();
    }

    [Fact]
    public void A_person_holds_at_most_the_bounded_number_of_entitlements()
    {
        var most = Enumerable.Range(0, Entitlement.MaxPerPerson).Select(i => new Entitlement(new KeyGroup($"g-{i}"), null, null, Schedule.Always)).ToList();

        APerson.Default().Decide(new SetEntitlements(Alice, most, T0)).OnlyEvent<EntitlementsSet, PersonEvent>();
        APerson.Default().Decide(new SetEntitlements(Alice, [.. most, APerson.At(Cab1, Vans)], T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void The_access_profile_carries_what_a_controller_needs_and_only_unscheduled_access_counts_offline()
    {
        var person = APerson.Default().Run(new SetEntitlements(Alice, [APerson.At(Cab1, Vans), APerson.At(Cab1, Vault, Weekdays())], T0));

        var profile = person.Profile(42);

        Assert.Equal((Alice, 42L, true), (profile.Person, profile.Version, profile.Active));
        Assert.Equal([Vans], profile.OfflineGroupsAt(Cab1, SiteA));
        Assert.Empty(profile.OfflineGroupsAt(new CabinetId("cab-elsewhere"), SiteA));
        var suspended = person.Run(new RevokePerson(Alice, PersonStatus.Suspended, "audit", T0)).Profile(43);
        Assert.False(suspended.Active);
        Assert.Empty(suspended.OfflineGroupsAt(Cab1, SiteA));
    }

    [Fact]
    public void Two_profiles_have_the_same_access_whatever_their_versions_and_not_when_anything_a_controller_reads_differs()
    {
        var person = APerson.Default().Run(new SetEntitlements(Alice, [APerson.At(Cab1, Vans, Weekdays())], T0));
        var profile = person.Profile(42);

        // Rebuilt from the same facts: equal lists, not the same lists.
        Assert.True(profile.SameAccessAs(APerson.Default().Run(new SetEntitlements(Alice, [APerson.At(Cab1, Vans, Weekdays())], T0)).Profile(57)));
        Assert.All(new[]
        {
            profile with { Person = new PersonId("bob") },
            profile with { Active = false },
            profile with { Badges = [.. profile.Badges, new BadgeNumber("0F0F")] },
            profile with { PinHash = "other" },
            profile with { ValidFrom = T0 },
            profile with { ValidUntil = T0 },
            profile with { Entitlements = [APerson.At(Cab1, Vans)] },
        }, other => Assert.False(profile.SameAccessAs(other)));
    }
}
