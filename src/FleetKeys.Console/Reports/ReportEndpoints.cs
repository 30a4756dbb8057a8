using System.Globalization;
using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Console.SignIn;
using FleetKeys.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Console.Reports;

/// <summary>A report as CSV, asked exactly as the report screen asks it (the screen links here with its own question).</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        // Asked as the report's API twin is: refused (naming the permission) to a user whose grants hold it nowhere, and
        // answered with the rows of the user's scope (a site outside it: none), by the same queries.
        app.MapGet("/console/reports/{name}.csv", async (string name, string? site, string? from, string? to, string? key, int? days, HttpContext http,
            ConsoleAccess access, ReportCatalog catalog, DirectoryQueries directory, TimeProvider clock, CancellationToken ct) =>
        {
            if (ReportCatalog.Find(name) is not { } report) return Results.NotFound();
            if (await access.Refusal(http.User, report.Twin, new RouteValueDictionary()) is { } refused)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: refused);
            var question = await Question(site, from, to, key, days, directory, clock.GetUtcNow(), ct) with
            {
                Visible = await access.Visible(http.User, report.Twin),
            };
            var answer = await catalog.Run(report, question, ct);
            return Csv.Stream($"fleetkeys-{name}.csv", answer.Header, Rows(answer), row => row);
        }).RequireAuthorization(ConsoleAuthentication.ScopedRead);
        return app;
    }

    /// <summary>
    /// The period runs from the start of <paramref name="from"/> to the end of <paramref name="to"/> (local dates of the
    /// site when one is chosen, UTC otherwise); by default the last seven days up to today.
    /// </summary>
    public static async Task<ReportQuestion> Question(string? site, string? from, string? to, string? key, int? days, DirectoryQueries directory,
        DateTimeOffset now, CancellationToken ct)
    {
        var siteId = string.IsNullOrWhiteSpace(site) ? null : site.Trim();
        var zone = TimeZoneInfo.Utc;
        if (siteId is not null && (await directory.Sites(new Paging(1, Paging.MaxPageSize), ct)).Items.FirstOrDefault(s => s.SiteId == siteId) is { } known)
            zone = SiteTime.Zone(known.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = Date(from) ?? today.AddDays(-6);
        var last = Date(to) ?? today;
        if (last < first) last = first;
        return new ReportQuestion(siteId, Start(first, zone), Start(last.AddDays(1), zone), string.IsNullOrWhiteSpace(key) ? null : key.Trim(),
            Math.Clamp(days ?? 90, 1, 3650), now);
    }

    public static string Zone(string? site, IEnumerable<Cluster.Projections.Rows.SiteRow> sites) =>
        sites.FirstOrDefault(s => s.SiteId == site)?.TimeZone ?? "UTC";

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static DateTimeOffset Start(DateOnly date, TimeZoneInfo zone) => SiteTime.ToInstant(date.ToDateTime(TimeOnly.MinValue), zone);

    private static async IAsyncEnumerable<IEnumerable<object?>> Rows(ReportAnswer answer)
    {
        foreach (var row in answer.Rows) yield return row;
        await Task.CompletedTask;
    }
}
