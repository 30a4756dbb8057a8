using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record SiteOverviewView(
    string Id, string Name, string TimeZone, int Cabinets, int Online, int Keys, int Out, int Overdue, int Missing, int OpenAlarms)
{
    public static SiteOverviewView Of(SiteOverview s) =>
        new(s.Site.SiteId, s.Site.Name, s.Site.TimeZone, s.Cabinets, s.Online, s.Keys, s.Out, s.Overdue, s.Missing, s.OpenAlarms);
}

public sealed record CabinetOverviewView(CabinetSummary Cabinet, int Keys, int Out, int Overdue, int Missing, int OpenAlarms)
{
    public static CabinetOverviewView Of(CabinetOverview c) =>
        new(CabinetSummary.Of(c.Cabinet), c.Keys, c.Out, c.Overdue, c.Missing, c.OpenAlarms);
}

/// <summary>Which cabinets the overview lists: at a site, matching a search term, in a condition ("state").</summary>
public sealed record OverviewCabinetsQuery(OverviewFilter Filter) : Query<OverviewCabinetsQuery>, IQuery<OverviewCabinetsQuery>
{
    public static OverviewCabinetsQuery Read(QueryArguments query) =>
        new(new OverviewFilter(query.Id("siteId"), query.Search(), query.Choice<CabinetCondition>("state")));
}

/// <summary>The fleet at a glance, as the console's overview shows it: sites with their counts, and cabinets a page at a time.</summary>
public static class OverviewEndpoints
{
    public static RouteGroupBuilder MapOverview(this RouteGroupBuilder api)
    {
        var overview = api.MapGroup("/overview").WithTags("Overview").Scoped(ScopeRule.Filtered);

        overview.MapGet("/sites", async (ReadScope scope, OverviewQueries queries, TimeProvider clock, CancellationToken ct) =>
            Results.Ok((await queries.Sites(clock.GetUtcNow(), scope.Visible, ct)).Select(SiteOverviewView.Of).ToList())).Produces<List<SiteOverviewView>>();

        overview.MapGet("/cabinets", async (OverviewCabinetsQuery query, PageQuery page, ReadScope scope, OverviewQueries queries, TimeProvider clock,
                CancellationToken ct) =>
            Results.Ok(Listing<CabinetOverviewView>.Of(await queries.Cabinets(query.Filter with { Visible = scope.Visible }, page.Paging, clock.GetUtcNow(), ct), CabinetOverviewView.Of)))
            .Produces<Listing<CabinetOverviewView>>().ProducesValidationProblem();
        return api;
    }
}
