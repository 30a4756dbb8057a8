using System.Globalization;
using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Reports;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// <c>Cadence</c> is "daily" or "weekly" (then <c>Weekday</c>, e.g. "monday"); <c>Time</c> is "HH:mm" on the site's clock;
/// without <c>SiteId</c> the report is the fleet's, at UTC.
/// </summary>
public sealed record ReportSubscriptionRequest(string? Mailbox, string? Kind, string? Cadence, string? Weekday, string? Time, string? SiteId)
    : IValidatable
{
    public void Validate(Validator check)
    {
        check.Required("mailbox", Mailbox).Email("mailbox", Mailbox)
            .Check(ReportCatalog.Find(Kind) is not null, "kind", $"must be one of: {string.Join(", ", ReportCatalog.Kinds.Select(k => k.Name))}")
            .Check(Cadence is "daily" or "weekly", "cadence", "must be 'daily' or 'weekly'")
            .Check(Cadence != "weekly" || Day() is not null, "weekday", "must be a day of the week such as 'monday'")
            .Check(TimeOfDay() is not null, "time", "must be a time of day such as '08:00'")
            .Id("siteId", SiteId, required: false);
    }

    public ReportCadence ToCadence() => Day() is { } day && Cadence == "weekly"
        ? ReportCadence.Weekly(day, TimeOfDay()!.Value)
        : ReportCadence.Daily(TimeOfDay()!.Value);

    private DayOfWeek? Day() =>
        Enum.TryParse<DayOfWeek>(Weekday, ignoreCase: true, out var day) && !int.TryParse(Weekday, out _) ? day : null;

    private TimeOnly? TimeOfDay() =>
        TimeOnly.TryParseExact(Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}

public sealed record PauseReportRequest(bool? Paused) : IValidatable
{
    public void Validate(Validator check) => check.Required("paused", Paused);
}

public sealed record ReportSubscriptionView(
    string Id, string Mailbox, string Kind, string Cadence, string? Weekday, string Time, string? SiteId, string TimeZone,
    string CreatedBy, bool Paused, DateTimeOffset? LastSentAt, DateTimeOffset NextDueAt)
{
    public static ReportSubscriptionView Of(ReportSubscriptionState s) => new(
        s.Id.Value, s.Mailbox, s.Kind, s.Cadence.Weekday is null ? "daily" : "weekly", s.Cadence.Weekday?.ToString().ToLowerInvariant(),
        s.Cadence.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture), s.Site?.Value, s.TimeZoneId, s.CreatedBy, s.Paused,
        s.LastSentAt, s.NextDueAt);
}

/// <summary>Scheduled reports by mail: operators subscribe mailboxes, pause and remove them; auditors read.</summary>
public static class ReportSubscriptionsEndpoints
{
    public static RouteGroupBuilder MapReportSubscriptions(this RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/report-subscriptions").WithTags("Reports").Scoped(ScopeRule.Everything);

        subscriptions.MapPost("/", async (Body<ReportSubscriptionRequest> body, FleetAdmin admin, ReportSubscriptionsClient reports, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            SiteId? site = r.SiteId is null ? null : new SiteId(r.SiteId);
            var zone = "UTC";
            if (site is { } id)
            {
                var found = await admin.GetSite(id);
                if (found.Value is not { } details) return RejectionResults.Problem(found.Rejection!.About("siteId"));
                zone = details.TimeZoneId;
            }

            return (await reports.Subscribe(r.Mailbox!, r.Kind!, r.ToCadence(), site, zone, user.Identity!.Name!))
                .ToResult(s => Results.Created($"/api/v1/report-subscriptions/{s.Id}", ReportSubscriptionView.Of(s)));
        }).RequireAuthorization(Policies.Operate).Produces<ReportSubscriptionView>(StatusCodes.Status201Created).ProducesValidationProblem();

        subscriptions.MapGet("/", async (ReportSubscriptionsClient reports) =>
            Results.Ok((await reports.All()).Select(ReportSubscriptionView.Of).ToList())).Produces<List<ReportSubscriptionView>>();

        subscriptions.MapGet("/{id}", async (ReportSubscriptionId id, ReportSubscriptionsClient reports) =>
            (await reports.All()).FirstOrDefault(s => s.Id == id) is { } s
                ? Results.Ok(ReportSubscriptionView.Of(s))
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"report subscription {id} does not exist")))
            .Produces<ReportSubscriptionView>().ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapPatch("/{id}", async (ReportSubscriptionId id, Body<PauseReportRequest> body, ReportSubscriptionsClient reports, ClaimsPrincipal user) =>
            (await reports.Pause(id, body.Value.Paused!.Value, user.Identity!.Name!)).ToResult(s => Results.Ok(ReportSubscriptionView.Of(s))))
            .RequireAuthorization(Policies.Operate).Produces<ReportSubscriptionView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapDelete("/{id}", async (ReportSubscriptionId id, ReportSubscriptionsClient reports, ClaimsPrincipal user) =>
            (await reports.Unsubscribe(id, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .RequireAuthorization(Policies.Operate).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
