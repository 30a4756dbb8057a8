using FleetKeys.Domain.Retention;

namespace FleetKeys.Domain.Tests;

/// <summary>Retention (issue #23, point 3): which period a fact's history belongs to, and which periods a cut-off shreds.</summary>
public class HistoryRetentionTests
{
    private static readonly DateTimeOffset CutOff = new(2017, 6, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_facts_period_is_the_calendar_year_of_its_own_time_in_utc()
    {
        Assert.Equal(2016, HistoryPeriod.Of(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        // 00:30 on New Year's Day in Berlin is still the old year in UTC.
        Assert.Equal(2016, HistoryPeriod.Of(new DateTimeOffset(2017, 1, 1, 0, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal(2017, HistoryPeriod.Of(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_period_the_cut_off_falls_inside_is_kept_and_every_earlier_one_is_past()
    {
        Assert.Equal(2017, HistoryPeriod.FirstKept(CutOff));
        Assert.True(HistoryPeriod.StartOf(HistoryPeriod.FirstKept(CutOff)) <= CutOff);
    }

    [Fact]
    public void A_period_ending_exactly_at_the_cut_off_is_past()
    {
        var newYear = new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(2017, HistoryPeriod.FirstKept(newYear));
        Assert.Equal(2016, HistoryPeriod.FirstKept(newYear.AddTicks(-1)));
    }

    [Fact]
    public void A_look_that_finds_keys_past_the_retention_records_the_cut_off_the_periods_and_the_count()
    {
        var at = CutOff.AddYears(7);

        var applied = Assert.Single(RetentionRule.Decide(new RetentionDue(CutOff, [2015, 2016], 3, at)));

        Assert.Equal(CutOff, applied.CutOff);
        Assert.Equal([2015, 2016], applied.Periods);
        Assert.Equal(3, applied.KeysDestroyed);
        Assert.Equal(at, applied.At);
    }

    [Fact]
    public void A_look_that_finds_nothing_left_to_destroy_records_nothing()
    {
        Assert.Empty(RetentionRule.Decide(new RetentionDue(CutOff, [], 0, CutOff.AddYears(7))));
    }

    [Fact]
    public void A_value_sealed_under_a_period_key_names_its_person_and_period_and_shows_as_the_erased_person()
    {
        const string inPeriod = "sealed/v2/p-ann/2016/AAAA";

        Assert.Equal(("p-ann", (int?)2016, "AAAA"), ErasedPerson.Parse(inPeriod));
        Assert.Equal(("p-ann", (int?)null, "AAAA"), ErasedPerson.Parse("sealed/v1/p-ann/AAAA"));
        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(inPeriod));
        Assert.Null(ErasedPerson.Parse("sealed/v2/p-ann/later/AAAA"));
        Assert.Null(ErasedPerson.Parse("a reason"));
    }
}
