namespace FleetKeys.Domain.Tests;

/// <summary>A reason chosen when a key is taken, and the odometer, fuel and damage questions answered when it is back.</summary>
public class CustodyQuestionTests
{
    private static readonly CustodyPolicy Asking = CustodyPolicy.Unlimited with
    {
        Questions = new CustodyQuestions(["Delivery", "Service", "Training"], Odometer: true, Fuel: true, Damage: true),
    };

    private static readonly DateTimeOffset BackAt = T0.AddHours(2);

    private static ReturnAnswers Answers(int? km = 12_500, int? fuel = 60, bool? damaged = false) => new(km, fuel, damaged);

    private static AnswerReturnQuestions Answer(ReturnAnswers answers, DateTimeOffset? at = null) =>
        new(Slot1, answers, "alice", at ?? BackAt.AddSeconds(20));

    private static KeySlotState Returned(CustodyPolicy? policy = null) =>
        ASlot.Out(policy ?? Asking).Run(new RecordTagReturned(Slot1, Tag1, Alice, BackAt));

    /// <summary>Returned once with <paramref name="km"/> answered, then taken and returned again.</summary>
    private static KeySlotState ReturnedAgainAfter(int km) =>
        Returned().Run(Answer(Answers(km)))
            .Run(new ReleaseKey(Slot1, G2, Bob, S2, BackAt.AddHours(1), BackAt.AddHours(1) + ReleaseWindow))
            .Run(new RecordTagRemoved(Slot1, Tag1, BackAt.AddHours(1).AddSeconds(5)))
            .Run(new RecordTagReturned(Slot1, Tag1, Bob, BackAt.AddHours(3)));

    [Fact]
    public void A_key_that_lists_reasons_is_released_only_with_one_on_its_list_and_another_key_without_one()
    {
        var refused = ASlot.InSlot(Asking).CheckReason(null);
        Assert.Equal((RejectionCode.ReasonRequired, "reason"), (refused?.Code, refused?.Field));
        Assert.Contains("1 Delivery, 2 Service, 3 Training", refused!.Message);
        Assert.Equal(RejectionCode.ReasonRequired, ASlot.InSlot(Asking).CheckReason(4)?.Code);
        Assert.Equal(RejectionCode.ReasonRequired, ASlot.InSlot(Asking).CheckReason(0)?.Code);
        Assert.Null(ASlot.InSlot(Asking).CheckReason(3));
        Assert.Null(ASlot.InSlot().CheckReason(null));
    }

    [Fact]
    public void The_reason_chosen_with_the_key_is_recorded_with_its_release()
    {
        var decided = ASlot.InSlot(Asking).Decide(new ReleaseKey(Slot1, G1, Alice, S1, T0, T0 + ReleaseWindow, Reason: 2));

        Assert.Equal([typeof(KeyReleased), typeof(TakeReasonGiven)], decided.Events.Select(e => e.GetType()));
        Assert.Equal(new TakeReasonGiven(Slot1, new KeyId("van-12"), Alice, 2, "Service", T0), decided.Events[1]);
        Assert.Equal("Service", ASlot.InSlot(Asking).Run(new ReleaseKey(Slot1, G1, Alice, S1, T0, T0 + ReleaseWindow, Reason: 2)).TakeReason);
    }

    [Fact]
    public void The_control_room_names_a_reason_by_its_text_in_any_case()
    {
        Assert.Equal(2, ASlot.InSlot(Asking).ReasonNumbered(" service"));
        Assert.Null(ASlot.InSlot(Asking).ReasonNumbered("Lunch"));
        Assert.Null(ASlot.InSlot().ReasonNumbered("Service"));
    }

    [Fact]
    public void Answers_keyed_in_at_the_cabinet_with_the_odometer_backwards_are_refused_and_recorded_once_for_the_control_room()
    {
        var awaiting = ReturnedAgainAfter(12_500);
        var atCabinet = Answer(Answers(12_400)) with { AtCabinet = true };

        var decided = awaiting.Decide(atCabinet);

        Assert.Equal(RejectionCode.OdometerBackwards, decided.Rejection?.Code);
        var recorded = decided.Events.OnlyEvent<ReturnAnswersRefused>();
        Assert.Equal((Bob, "alice", Answers(12_400), BackAt.AddSeconds(20)), (recorded.Holder, recorded.By, recorded.Answers, recorded.At));
        Assert.Contains("12400 km would run it backwards", recorded.Why);
        var refused = awaiting.Apply(recorded);
        Assert.True(refused.AnswersAwaited);
        // The controller sending the same answers again, and an operator's typing error, are refused without a record.
        Assert.Empty(refused.Decide(atCabinet).Events);
        Assert.Empty(awaiting.Decide(Answer(Answers(12_400))).Events);
        Assert.Null(refused.Run(Answer(Answers(12_600))).RefusedAnswers);
    }

    [Fact]
    public void The_reason_chosen_by_its_number_is_recorded_with_the_taker_and_its_text()
    {
        var given = ASlot.Released(Asking).Decide(new GiveTakeReason(Slot1, 2, T0.AddSeconds(3))).OnlyEvent<TakeReasonGiven, KeySlotEvent>();

        Assert.Equal((Alice, 2, "Service", new KeyId("van-12")), (given.Holder, given.Choice, given.Reason, given.Key));
        Assert.Equal("Service", KeySlotDetails.Of(ASlot.Released(Asking).Apply(given)).TakeReason);
    }

    /// <summary>The reason names the site it was given at (the cabinet's, passed with it), and the slot keeps it with the reason for its snapshot.</summary>
    [Fact]
    public void A_reason_and_the_release_it_came_with_name_the_site_they_were_given_at()
    {
        var given = ASlot.Released(Asking).Decide(new GiveTakeReason(Slot1, 2, T0.AddSeconds(3), SiteA)).OnlyEvent<TakeReasonGiven, KeySlotEvent>();
        var released = ASlot.InSlot(Asking).Decide(ASlot.Release(G1, Alice, T0) with { Reason = 1, Site = SiteA }).Accepted();

        Assert.Equal(SiteA, given.Site);
        Assert.Equal(SiteA, ASlot.Released(Asking).Apply(given).TakeReasonSite);
        Assert.Equal([SiteA, SiteA], released.OfType<KeyReleased>().Select(e => e.Site).Concat(released.OfType<TakeReasonGiven>().Select(e => e.Site)));
    }

    /// <summary>A take reason whose key was destroyed (erasure, retention) stays sealed in the slot; its detail shows whose it was.</summary>
    [Fact]
    public void A_take_reason_left_sealed_shows_as_the_erased_person_in_the_slot_s_detail()
    {
        var given = ASlot.Released(Asking).Decide(new GiveTakeReason(Slot1, 2, T0.AddSeconds(3))).OnlyEvent<TakeReasonGiven, KeySlotEvent>();
        var sealedReason = given with { Reason = $"sealed/v2/{Alice.Value}/{T0.Year}/AAAA" };

        Assert.Equal($"erased person #{Alice.Value}", KeySlotDetails.Of(ASlot.Released(Asking).Apply(sealedReason)).TakeReason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_reason_number_not_on_the_list_is_refused(int choice)
    {
        var refused = ASlot.Released(Asking).Decide(new GiveTakeReason(Slot1, choice, T0.AddSeconds(3))).Rejected(RejectionCode.Invalid);

        Assert.Equal("reason", refused.Field);
        Assert.Contains("1 to 3", refused.Message);
    }

    [Fact]
    public void A_reason_is_refused_for_a_key_without_reasons_and_for_a_key_not_being_taken()
    {
        ASlot.Released().Decide(new GiveTakeReason(Slot1, 1, T0)).Rejected(RejectionCode.Invalid);
        ASlot.InSlot(Asking).Decide(new GiveTakeReason(Slot1, 1, T0)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void The_same_reason_again_is_recorded_once_and_another_one_is_refused()
    {
        var withReason = ASlot.Out(Asking).Run(new GiveTakeReason(Slot1, 1, T0.AddSeconds(20)));

        withReason.Decide(new GiveTakeReason(Slot1, 1, T0.AddSeconds(21))).AcceptedWithoutEvents();
        Assert.Contains("'Delivery' already", withReason.Decide(new GiveTakeReason(Slot1, 3, T0.AddSeconds(21))).Rejected(RejectionCode.Conflict).Message);
    }

    [Fact]
    public void The_reason_belongs_to_its_custody_and_ends_with_it()
    {
        var withReason = ASlot.Out(Asking).Run(new GiveTakeReason(Slot1, 1, T0.AddSeconds(20)));

        Assert.Null(withReason.Run(new RecordTagReturned(Slot1, Tag1, Alice, BackAt)).TakeReason);
    }

    [Fact]
    public void A_return_of_a_key_that_asks_awaits_its_answers_and_the_answers_are_recorded_against_the_holder()
    {
        var returned = Returned();
        Assert.True(returned.AnswersAwaited);
        Assert.False(ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, BackAt)).AnswersAwaited);

        var answered = returned.Decide(Answer(Answers(12_500, 60, true))).OnlyEvent<ReturnQuestionsAnswered, KeySlotEvent>();

        Assert.Equal((Alice, new ReturnAnswers(12_500, 60, true), "alice"), (answered.Holder, answered.Answers, answered.By));
        var after = returned.Apply(answered);
        Assert.False(after.AnswersAwaited);
        Assert.Equal(12_500, after.LastOdometerKm);
    }

    [Fact]
    public void An_odometer_lower_than_the_keys_last_is_refused_with_its_own_code_and_the_answers_stay_awaited()
    {
        var again = ReturnedAgainAfter(12_500);

        var refused = again.Decide(Answer(Answers(12_499), BackAt.AddHours(3).AddSeconds(10))).Rejected(RejectionCode.OdometerBackwards);

        Assert.Equal("odometerKm", refused.Field);
        Assert.Contains("12500 km", refused.Message);
        Assert.True(again.AnswersAwaited);
        Assert.Equal(CustodyStatus.InSlot, again.Status);
        again.Decide(Answer(Answers(12_500), BackAt.AddHours(3).AddSeconds(10))).OnlyEvent<ReturnQuestionsAnswered, KeySlotEvent>();
        Assert.Equal(12_730, again.Run(Answer(Answers(12_730), BackAt.AddHours(3).AddSeconds(10))).LastOdometerKm);
    }

    [Theory]
    [InlineData(-1, 50, "odometerKm")]
    [InlineData(CustodyQuestions.MaxOdometerKm + 1, 50, "odometerKm")]
    [InlineData(100, -1, "fuelPercent")]
    [InlineData(100, 101, "fuelPercent")]
    public void Answers_out_of_bounds_are_refused_naming_the_field(int km, int fuel, string field) =>
        Assert.Equal(field, Returned().Decide(Answer(Answers(km, fuel))).Rejected(RejectionCode.Invalid).Field);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(CustodyQuestions.MaxOdometerKm, 100)]
    public void Answers_on_the_bounds_are_taken(int km, int fuel) =>
        Returned().Decide(Answer(Answers(km, fuel))).OnlyEvent<ReturnQuestionsAnswered, KeySlotEvent>();

    [Fact]
    public void A_missing_answer_and_an_answer_to_a_question_not_asked_are_refused_naming_the_field()
    {
        Assert.Equal("fuelPercent", Returned().Decide(Answer(Answers(fuel: null))).Rejected(RejectionCode.Invalid).Field);
        Assert.Equal("damaged", Returned().Decide(Answer(Answers(damaged: null))).Rejected(RejectionCode.Invalid).Field);

        var odometerOnly = CustodyPolicy.Unlimited with { Questions = CustodyQuestions.None with { Odometer = true } };
        Assert.Equal("fuelPercent", Returned(odometerOnly).Decide(Answer(Answers())).Rejected(RejectionCode.Invalid).Field);
        Returned(odometerOnly).Decide(Answer(Answers(fuel: null, damaged: null))).OnlyEvent<ReturnQuestionsAnswered, KeySlotEvent>();
    }

    [Fact]
    public void Answers_nobody_awaits_are_refused_and_a_key_that_asks_nothing_takes_none()
    {
        Returned().Run(Answer(Answers())).Decide(Answer(Answers())).Rejected(RejectionCode.Conflict);
        ASlot.Out(Asking).Decide(Answer(Answers())).Rejected(RejectionCode.Conflict);
        ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, BackAt)).Decide(Answer(Answers())).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void The_next_take_ends_the_wait_for_answers_never_given()
    {
        var takenAgain = Returned().Run(new ReleaseKey(Slot1, G2, Bob, S2, BackAt.AddHours(1), BackAt.AddHours(1) + ReleaseWindow));

        Assert.False(takenAgain.AnswersAwaited);
    }

    [Fact]
    public void The_odometer_is_the_keys_and_starts_again_with_another_key_in_the_slot()
    {
        var answered = Returned().Run(Answer(Answers(12_500)));
        Assert.Equal(12_500, answered.Run(new AssignKey(Slot1, ASlot.Key(Asking with { MaxDuration = TimeSpan.FromHours(4) }), Berlin, BackAt.AddHours(1))).LastOdometerKm);

        var other = ASlot.Key(Asking) with { Id = new KeyId("van-13"), Tag = new TagId("tag-13") };
        Assert.Null(answered.Run(new AssignKey(Slot1, other, Berlin, BackAt.AddHours(1))).LastOdometerKm);
    }

    [Theory]
    [InlineData(10, "Delivery", "reasons")]
    [InlineData(1, "", "reasons")]
    [InlineData(1, "A reason far too long to show", "reasons")]
    [InlineData(1, "bad\u0007bell", "reasons")]
    public void A_list_of_reasons_the_cabinet_cannot_show_is_refused(int count, string reason, string field)
    {
        var reasons = Enumerable.Range(1, count).Select(i => count == 1 ? reason : $"{reason} {i}").ToImmutableList();
        var policy = CustodyPolicy.Unlimited with { Questions = new CustodyQuestions(reasons) };

        Assert.Equal(field, ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(policy), Berlin, T0)).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void Reasons_differing_only_in_case_are_refused()
    {
        var policy = CustodyPolicy.Unlimited with { Questions = new CustodyQuestions(["Service", "service"]) };

        ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(policy), Berlin, T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void The_same_lists_assigned_again_are_no_change()
    {
        var again = ASlot.Key(Asking with { Questions = new CustodyQuestions(["Delivery", "Service", "Training"], true, true, true) });

        ASlot.InSlot(Asking).Decide(new AssignKey(Slot1, again, Berlin, T0)).AcceptedWithoutEvents();
    }
}
