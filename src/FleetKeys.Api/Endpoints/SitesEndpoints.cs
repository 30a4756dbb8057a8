using System.Security.Claims;
using System.Globalization;
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

public sealed record CreateSiteRequest(string? Id, string? Name, string? TimeZone) : IValidatable
{
    public void Validate(Validator check) => check.Id("id", Id).Text("name", Name, 200).TimeZone("timeZone", TimeZone);
}

/// <summary>Local dates, each as yyyy-MM-dd; the list replaces the site's holidays.</summary>
public sealed record SetHolidaysRequest(IReadOnlyList<string?>? Holidays) : IValidatable
{
    public void Validate(Validator check)
    {
        check.Check(Holidays is not null, "holidays", "is required")
            .Check(Holidays is null || Holidays.Count <= SetHolidays.MaxHolidays, "holidays", $"at most {SetHolidays.MaxHolidays} dates");
        foreach (var (text, i) in (Holidays ?? []).Select((t, i) => (t, i)))
            check.Check(Date(text) is not null, $"holidays[{i}]", "must be a date such as '2026-12-25'");
    }

    public IReadOnlyList<DateOnly> Dates() => [.. Holidays!.Select(t => Date(t)!.Value)];

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, SiteView.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary><c>Holidays</c> (yyyy-MM-dd) is given where the site itself is read; listings leave it out.</summary>
public sealed record SiteView(string Id, string Name, string TimeZone, IReadOnlyList<string>? Holidays = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static SiteView Of(SiteDetails s) =>
        new(s.Id.Value, s.Name, s.TimeZoneId, s.Holidays.Select(d => d.ToString(DateFormat, CultureInfo.InvariantCulture)).ToList());
}

public static class SitesEndpoints
{
    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites").Scoped(ScopeRule.Everything);

        sites.MapPost("/", async (Body<CreateSiteRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.RegisterSite(new SiteId(body.Value.Id!), body.Value.Name!, body.Value.TimeZone!, user.Identity!.Name!))
                .ToResult(s => Results.Created($"/api/v1/sites/{s.Id}", SiteView.Of(s))))
            .RequireAuthorization(Policies.Configure).Produces<SiteView>(StatusCodes.Status201Created).ProducesValidationProblem();

        sites.MapGet("/", async (PageQuery page, ReadScope scope, DirectoryQueries directory, CancellationToken ct) =>
            Results.Ok(Listing<SiteView>.Of(await directory.Sites(page.Paging, scope.Visible, ct), s => new SiteView(s.SiteId, s.Name, s.TimeZone))))
            .Scoped(ScopeRule.Filtered).Produces<Listing<SiteView>>().ProducesValidationProblem();

        sites.MapGet("/{id}", async (SiteId id, FleetAdmin admin) =>
            (await admin.GetSite(id)).ToResult(s => Results.Ok(SiteView.Of(s)))).Scoped(ScopeRule.Site).Produces<SiteView>();

        sites.MapPut("/{id}/holidays", async (SiteId id, Body<SetHolidaysRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetHolidays(id, body.Value.Dates(), user.Identity!.Name!)).ToResult(s => Results.Ok(SiteView.Of(s))))
            .Scoped(ScopeRule.Site).RequireAuthorization(Policies.Configure).Produces<SiteView>().ProducesValidationProblem();
        return api;
    }
}
