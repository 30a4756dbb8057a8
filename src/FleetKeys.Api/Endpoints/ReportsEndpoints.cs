using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>The control room's standing questions: what is overdue, who no longer active still holds keys, what is not back, what is used.</summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/overdue", async (ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.Overdue(now, ct)).Select(k => KeyCustody.Of(k, now)).ToList());
        }).Produces<List<KeyCustody>>();

        reports.MapGet("/held-by-inactive", async (ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.HeldByInactivePeople(ct)).Select(h => HeldByInactiveView.Of(h, now)).ToList());
        }).Produces<List<HeldByInactiveView>>();

        reports.MapGet("/not-returned", async (string? olderThanHours, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var check = new Validator();
            var hours = check.Number("olderThanHours", olderThanHours, 0, 24 * 365) ?? 24;
            if (!check.IsValid) return check.Problem();
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.NotReturned(now - TimeSpan.FromHours(hours), ct)).Select(k => KeyCustody.Of(k, now)).ToList());
        }).Produces<List<KeyCustody>>().ProducesValidationProblem();

        reports.MapGet("/usage", async (string? from, string? to, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var check = new Validator();
            var now = clock.GetUtcNow();
            var (start, end) = (check.Instant("from", from) ?? now.AddDays(-30), check.Instant("to", to) ?? now);
            check.Range(start, end);
            if (!check.IsValid) return check.Problem();
            return Results.Ok(await queries.UsagePerGroup(start, end, ct));
        }).Produces<List<GroupUsage>>().ProducesValidationProblem();
        reports.MapGet("/activity", async (string? from, string? to, string? siteId, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var (start, end, problem) = Period(from, to, siteId, clock);
            if (problem is not null) return problem;
            return Results.Ok(await queries.ActivityByPerson(start, end, siteId, ct));
        }).Produces<List<PersonActivity>>().ProducesValidationProblem();

        reports.MapGet("/returned-by-others", async (string? from, string? to, string? siteId, ReportQueries queries, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (start, end, problem) = Period(from, to, siteId, clock);
            if (problem is not null) return problem;
            return Results.Ok((await queries.ReturnedByOthers(start, end, siteId, ct)).Select(CustodyEvent.Of).ToList());
        }).Produces<List<CustodyEvent>>().ProducesValidationProblem();

        reports.MapGet("/access-denied", async (string? from, string? to, string? siteId, ReportQueries queries, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (start, end, problem) = Period(from, to, siteId, clock);
            if (problem is not null) return problem;
            return Results.Ok(await queries.AccessDenied(start, end, siteId, ct));
        }).Produces<List<AccessDenial>>().ProducesValidationProblem();

        reports.MapGet("/unused-badges", async (string? days, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var check = new Validator();
            var n = check.Number("days", days, 1, 3650) ?? 90;
            if (!check.IsValid) return check.Problem();
            return Results.Ok(await queries.UnusedBadges(clock.GetUtcNow().AddDays(-n), ct));
        }).Produces<List<UnusedBadge>>().ProducesValidationProblem();
        return api;
    }

    /// <summary>[from, to) with the usage report's defaults (the last 30 days), and an optional site.</summary>
    private static (DateTimeOffset From, DateTimeOffset To, IResult? Problem) Period(string? from, string? to, string? siteId, TimeProvider clock)
    {
        var check = new Validator().Id("siteId", siteId, required: false);
        var now = clock.GetUtcNow();
        var (start, end) = (check.Instant("from", from) ?? now.AddDays(-30), check.Instant("to", to) ?? now);
        check.Range(start, end);
        return (start, end, check.IsValid ? null : check.Problem());
    }
}
