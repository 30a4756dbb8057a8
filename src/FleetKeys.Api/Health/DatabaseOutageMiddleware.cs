using FleetKeys.Cluster.Persistence;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Health;

/// <summary>
/// While the journal's database is unreachable, API and SCIM requests are answered 503 at once: every decision and every
/// list needs the database, and a caller told "retry later" now does better than one left waiting for an ask timeout.
/// Health, metrics and the management port stay up, so operators can see what is wrong.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, DatabaseAvailability database)
{
    private static readonly PathString[] Guarded = ["/api", "/scim"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (database.Current is { Reachable: false } outage && Guarded.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            context.Response.Headers.RetryAfter = "5";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "DatabaseUnavailable",
                detail: $"FleetKeys cannot reach its database since {outage.Since:u} ({outage.Reason}); nothing was recorded. " +
                        "Retry when /readyz answers again; cabinets decide on their offline policy meanwhile.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
