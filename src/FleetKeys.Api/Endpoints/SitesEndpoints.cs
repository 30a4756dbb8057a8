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

public sealed record CreateSiteRequest(string? Id, string? Name, string? TimeZone);

/// <summary>Local dates, each as yyyy-MM-dd; the list replaces the site's holidays.</summary>
public sealed record SetHolidaysRequest(IReadOnlyList<string?>? Holidays);

/// <summary><c>Holidays</c> (yyyy-MM-dd) is given where the site itself is read; listings leave it out.</summary>
public sealed record SiteView(string Id, string Name, string TimeZone, IReadOnlyList<string>? Holidays = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static SiteView Of(SiteState s) =>
        new(s.Id.Value, s.Name, s.TimeZoneId, s.Holidays.Select(d => d.ToString(DateFormat, CultureInfo.InvariantCulture)).ToList());
}

public static class SitesEndpoints
{
    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");

        sites.MapPost("/", async (Body<CreateSiteRequest> body, FleetAdmin admin) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Id("id", r.Id).Text("name", r.Name, 200).TimeZone("timeZone", r.TimeZone);
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

        sites.MapGet("/{id}", async (SiteId id, FleetAdmin admin) =>
            (await admin.GetSite(id)).ToResult(s => Results.Ok(SiteView.Of(s)))).Produces<SiteView>();

        sites.MapPut("/{id}/holidays", async (SiteId id, Body<SetHolidaysRequest> body, FleetAdmin admin) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Check(r.Holidays is not null, "holidays", "is required")
                .Check(r.Holidays is null || r.Holidays.Count <= SetHolidays.MaxHolidays, "holidays", $"at most {SetHolidays.MaxHolidays} dates");
            var dates = new List<DateOnly>();
            foreach (var (text, i) in (r.Holidays ?? []).Select((t, i) => (t, i)))
            {
                var ok = DateOnly.TryParseExact(text, SiteView.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
                check.Check(ok, $"holidays[{i}]", "must be a date such as '2026-12-25'");
                dates.Add(date);
            }

            if (!check.IsValid) return check.Problem();
            return (await admin.SetHolidays(id, dates)).ToResult(s => Results.Ok(SiteView.Of(s)));
        }).RequireAuthorization(Policies.Configure).Accepts<SetHolidaysRequest>("application/json").Produces<SiteView>().ProducesValidationProblem();
        return api;
    }
}
