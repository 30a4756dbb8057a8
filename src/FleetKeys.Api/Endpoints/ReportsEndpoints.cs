using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>A report's [from, to): the last 30 days unless said otherwise.</summary>
public sealed record ReportPeriodQuery(DateTimeOffset From, DateTimeOffset To) : Query<ReportPeriodQuery>, IQuery<ReportPeriodQuery>
{
    public static ReportPeriodQuery Read(QueryArguments query)
    {
        var now = query.Now;
        var (from, to) = query.Period(now.AddDays(-30), now);
        return new(from!.Value, to!.Value);
    }
}

/// <summary>A report's period, and the one site it is about (all sites without one).</summary>
public sealed record SiteReportQuery(ReportPeriodQuery Period, string? SiteId) : Query<SiteReportQuery>, IQuery<SiteReportQuery>
{
    public static SiteReportQuery Read(QueryArguments query)
    {
        var siteId = query.Id("siteId");
        return new(ReportPeriodQuery.Read(query), siteId);
    }
}

/// <summary>The one site a standing report is about (all sites without one).</summary>
public sealed record SiteQuery(string? SiteId) : Query<SiteQuery>, IQuery<SiteQuery>
{
    public static SiteQuery Read(QueryArguments query) => new(query.Id("siteId"));
}

/// <summary>Keys out for at least "olderThanHours" (24 unless said otherwise).</summary>
public sealed record NotReturnedQuery(int OlderThanHours) : Query<NotReturnedQuery>, IQuery<NotReturnedQuery>
{
    public static NotReturnedQuery Read(QueryArguments query) => new(query.Number("olderThanHours", 0, 24 * 365) ?? 24);
}

/// <summary>Badges not used for "days" (90 unless said otherwise).</summary>
public sealed record UnusedBadgesQuery(int Days) : Query<UnusedBadgesQuery>, IQuery<UnusedBadgesQuery>
{
    public static UnusedBadgesQuery Read(QueryArguments query) => new(query.Number("days", 1, 3650) ?? 90);
}

/// <summary>
/// Which discrepancies the reconciliation report lists: "status" (open unless said otherwise), "siteId", "cabinetId", and
/// "from" and "to" for those open at some time in that period.
/// </summary>
public sealed record ReconciliationQuery(DiscrepancyFilter Filter) : Query<ReconciliationQuery>, IQuery<ReconciliationQuery>
{
    public static ReconciliationQuery Read(QueryArguments query)
    {
        var status = query.Choice<DiscrepancyStatusFilter>("status") ?? DiscrepancyStatusFilter.Open;
        var (siteId, cabinetId) = (query.Id("siteId"), query.Id("cabinetId"));
        var (from, to) = query.Period();
        return new(new DiscrepancyFilter(status, siteId, cabinetId, from?.UtcTicks, to?.UtcTicks));
    }
}

/// <summary>The control room's standing questions: what is overdue, who no longer active still holds keys, what is not back, what is used.</summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").Scoped(ScopeRule.Filtered);

        reports.MapGet("/overdue", async (ReadScope scope, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.Overdue(now, scope.Visible, ct)).Select(k => KeyCustody.Of(k, now)).ToList());
        }).Produces<List<KeyCustody>>();

        reports.MapGet("/held-by-inactive", async (ReadScope scope, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.HeldByInactivePeople(scope.Visible, ct)).Select(h => HeldByInactiveView.Of(h, now)).ToList());
        }).Produces<List<HeldByInactiveView>>();

        reports.MapGet("/not-returned", async (NotReturnedQuery query, ReadScope scope, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await queries.NotReturned(now - TimeSpan.FromHours(query.OlderThanHours), scope.Visible, ct))
                .Select(k => KeyCustody.Of(k, now)).ToList());
        }).Produces<List<KeyCustody>>().ProducesValidationProblem();

        reports.MapGet("/usage", async (ReportPeriodQuery period, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.UsagePerGroup(period.From, period.To, scope.Visible, ct))).Produces<List<GroupUsage>>().ProducesValidationProblem();

        reports.MapGet("/activity", async (SiteReportQuery query, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.ActivityByPerson(query.Period.From, query.Period.To, query.SiteId, scope.Visible, ct)))
            .Produces<List<PersonActivity>>().ProducesValidationProblem();

        reports.MapGet("/returned-by-others", async (SiteReportQuery query, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok((await queries.ReturnedByOthers(query.Period.From, query.Period.To, query.SiteId, scope.Visible, ct)).Select(CustodyEvent.Of).ToList()))
            .Produces<List<CustodyEvent>>().ProducesValidationProblem();

        reports.MapGet("/access-denied", async (SiteReportQuery query, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.AccessDenied(query.Period.From, query.Period.To, query.SiteId, scope.Visible, ct)))
            .Produces<List<AccessDenial>>().ProducesValidationProblem();

        reports.MapGet("/faults", async (SiteQuery query, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok((await queries.OpenFaults(query.SiteId, scope.Visible, ct)).Select(OpenFaultView.Of).ToList()))
            .Produces<List<OpenFaultView>>().ProducesValidationProblem();

        reports.MapGet("/unused-badges", async (UnusedBadgesQuery query, ReadScope scope, ReportQueries queries, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await queries.UnusedBadges(clock.GetUtcNow().AddDays(-query.Days), scope.Visible, ct))).Produces<List<UnusedBadge>>().ProducesValidationProblem();

        reports.MapGet("/reconciliation", async (ReconciliationQuery query, PageQuery page, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Results.Ok(Listing<ReportedDiscrepancy>.Of(await queries.Discrepancies(query.Filter with { Visible = scope.Visible }, page.Paging, ct), ReportedDiscrepancy.Of)))
            .Produces<Listing<ReportedDiscrepancy>>().ProducesValidationProblem();

        reports.MapGet("/reconciliation/csv", (ReconciliationQuery query, ReadScope scope, ReportQueries queries, CancellationToken ct) =>
            Csv.Stream("reconciliation.csv", ListedDiscrepancy.Header, queries.AllDiscrepancies(query.Filter with { Visible = scope.Visible }, ct), row => row.Fields()))
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return api;
    }
}
