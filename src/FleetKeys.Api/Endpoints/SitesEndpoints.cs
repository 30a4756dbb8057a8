using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record CreateSiteRequest(string? Id, string? Name, string? TimeZone);

public sealed record SiteView(string Id, string Name, string TimeZone)
{
    public static SiteView Of(SiteState s) => new(s.Id.Value, s.Name, s.TimeZoneId);
}

public static class SitesEndpoints
{
    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");

        sites.MapPost("/", async (Body<CreateSiteRequest> body, FleetAdmin admin) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Id("id", r.Id).Required("name", r.Name).MaxLength("name", r.Name, 200).TimeZone("timeZone", r.TimeZone);
            if (!check.IsValid) return check.Problem();
            return (await admin.RegisterSite(new SiteId(r.Id!), r.Name!, r.TimeZone!))
                .ToResult(s => Results.Created($"/api/v1/sites/{s.Id}", SiteView.Of(s)));
        }).RequireAuthorization(Policies.Configure).Accepts<CreateSiteRequest>("application/json").Produces<SiteView>(StatusCodes.Status201Created).ProducesValidationProblem();

        sites.MapGet("/", async (string? page, string? pageSize, DirectoryQueries directory, CancellationToken ct) =>
        {
            var check = new Validator();
            var paging = check.Paging(page, pageSize);
            if (!check.IsValid) return check.Problem();
            return Results.Ok(Listing<SiteView>.Of(await directory.Sites(paging, ct), s => new SiteView(s.SiteId, s.Name, s.TimeZone)));
        }).Produces<Listing<SiteView>>().ProducesValidationProblem();

        sites.MapGet("/{id}", async (string id, FleetAdmin admin) =>
            RouteIds.TryParse<SiteId>(id, "site", out var site, out var notFound)
                ? (await admin.GetSite(site)).ToResult(s => Results.Ok(SiteView.Of(s)))
                : notFound).Produces<SiteView>();
        return api;
    }
}
