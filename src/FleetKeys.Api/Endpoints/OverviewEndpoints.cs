using FleetKeys.Api.Problems;
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

/// <summary>The fleet at a glance, as the console's overview shows it: sites with their counts, and cabinets a page at a time.</summary>
public static class OverviewEndpoints
{
    public static RouteGroupBuilder MapOverview(this RouteGroupBuilder api)
    {
        var overview = api.MapGroup("/overview").WithTags("Overview");

        overview.MapGet("/sites", async (OverviewQueries queries, TimeProvider clock, CancellationToken ct) =>
            Results.Ok((await queries.Sites(clock.GetUtcNow(), ct)).Select(SiteOverviewView.Of).ToList())).Produces<List<SiteOverviewView>>();

        overview.MapGet("/cabinets", async (string? siteId, string? search, string? state, string? page, string? pageSize, OverviewQueries queries,
            TimeProvider clock, CancellationToken ct) =>
        {
            var check = new Validator().Id("siteId", siteId, required: false).Text("search", search, 100, required: false);
            var condition = check.Choice<CabinetCondition>("state", state);
            var paging = check.Paging(page, pageSize);
            if (!check.IsValid) return check.Problem();
            var filter = new OverviewFilter(siteId, string.IsNullOrWhiteSpace(search) ? null : search.Trim(), condition);
            return Results.Ok(Listing<CabinetOverviewView>.Of(await queries.Cabinets(filter, paging, clock.GetUtcNow(), ct), CabinetOverviewView.Of));
        }).Produces<Listing<CabinetOverviewView>>().ProducesValidationProblem();
        return api;
    }
}
