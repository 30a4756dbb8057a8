using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
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

    private static readonly SiteId Depot = new("depot");
    private static readonly SiteId Harbour = new("harbour");
    private static readonly TimeSpan Seven = TimeSpan.FromDays(2557);
    private static readonly TimeSpan Ten = TimeSpan.FromDays(3653);

    /// <summary>New Year's Day 2024 and a day: seven years back is in 2017, ten years back in 2014.</summary>
    private static readonly DateTimeOffset Look = new(2024, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private static RetentionDue Due(params CountedKeys[] counted) => new(counted, Look);

    [Fact]
    public void A_look_that_finds_keys_past_the_retention_records_per_site_the_cut_off_the_periods_and_the_count()
    {
        var policy = new RetentionPolicy(Seven, new Dictionary<SiteId, TimeSpan>());

        var applied = Assert.Single(RetentionRule.Decide(policy,
            Due(new(Depot, 2015, 2), new(Depot, 2016, 1), new(Depot, 2017, 4), new(Harbour, 2016, 3))));

        Assert.Equal(6, applied.KeysDestroyed);
        Assert.Equal(Look, applied.At);
        Assert.Equal([Depot, Harbour], applied.Sites.Select(s => s.Site));
        var depot = applied.Sites[0];
        Assert.Equal(Look - Seven, depot.CutOff);
        Assert.Equal([2015, 2016], depot.Periods);
        Assert.Equal(3, depot.Keys);
    }

    [Fact]
    public void A_sites_own_period_wins_over_the_global_one()
    {
        var policy = new RetentionPolicy(Seven, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten });

        var applied = Assert.Single(RetentionRule.Decide(policy, Due(new(Depot, 2016, 1), new(Harbour, 2016, 1), new(Harbour, 2013, 2))));

        Assert.Equal([(Depot, 2016), (Harbour, 2013)], applied.Sites.Select(s => (s.Site!.Value, Assert.Single(s.Periods))));
        Assert.Equal(Look - Ten, applied.Sites[1].CutOff);
        Assert.Equal(3, applied.KeysDestroyed);
    }

    [Fact]
    public void History_of_facts_that_name_no_site_follows_the_global_period_and_is_kept_without_one()
    {
        var noSite = new CountedKeys(null, 2010, 1);

        var applied = Assert.Single(RetentionRule.Decide(new RetentionPolicy(Seven, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten }), Due(noSite)));
        Assert.Null(Assert.Single(applied.Sites).Site);
        Assert.Equal(Look - Seven, applied.Sites[0].CutOff);
        Assert.Empty(RetentionRule.Decide(new RetentionPolicy(null, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten }), Due(noSite)));
    }

    [Fact]
    public void With_only_a_sites_own_period_only_that_sites_history_is_shredded()
    {
        var policy = new RetentionPolicy(null, new Dictionary<SiteId, TimeSpan> { [Harbour] = Seven });

        var applied = Assert.Single(RetentionRule.Decide(policy, Due(new(Depot, 2010, 5), new(Harbour, 2016, 1), new(null, 2010, 1))));

        Assert.Equal(Harbour, Assert.Single(applied.Sites).Site);
        Assert.Equal(1, applied.KeysDestroyed);
    }

    [Fact]
    public void A_look_cuts_each_site_with_its_own_period_at_its_own_cut_off_and_every_other_at_the_global_one()
    {
        var cuts = new RetentionPolicy(Seven, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten, [Depot] = Seven }).Cuts(Look);

        Assert.Equal([(Depot, Look - Seven), (Harbour, Look - Ten), ((SiteId?)null, Look - Seven)], cuts.Select(c => (c.Site, c.CutOff)));
        Assert.Equal([2014], new RetentionPolicy(null, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten }).Cuts(Look).Select(c => c.FirstKept));
        Assert.Empty(new RetentionPolicy(null, new Dictionary<SiteId, TimeSpan>()).Cuts(Look));
    }

    [Fact]
    public void A_look_that_finds_nothing_past_any_sites_retention_records_nothing()
    {
        var policy = new RetentionPolicy(Seven, new Dictionary<SiteId, TimeSpan> { [Harbour] = Ten });

        Assert.Empty(RetentionRule.Decide(policy, Due()));
        Assert.Empty(RetentionRule.Decide(policy, Due(new(Depot, 2017, 3), new(Harbour, 2014, 2))));
    }

    [Fact]
    public void A_value_sealed_under_a_period_key_names_its_person_period_and_site_and_shows_as_the_erased_person()
    {
        const string atSite = "sealed/v2/p-ann/2016/depot/AAAA";

        Assert.Equal(("p-ann", (HistoryPart?)new HistoryPart(2016, Depot), "AAAA"), ErasedPerson.Parse(atSite));
        Assert.Equal(("p-ann", (HistoryPart?)new HistoryPart(2016, null), "AAAA"), ErasedPerson.Parse("sealed/v2/p-ann/2016/AAAA"));
        Assert.Equal(("p-ann", (HistoryPart?)null, "AAAA"), ErasedPerson.Parse("sealed/v1/p-ann/AAAA"));
        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(atSite));
        Assert.Null(ErasedPerson.Parse("sealed/v2/p-ann/later/AAAA"));
        Assert.Null(ErasedPerson.Parse("sealed/v2/p-ann/2016/depot/x/AAAA"));
        Assert.Null(ErasedPerson.Parse("a reason"));
    }
}
