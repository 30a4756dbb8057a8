using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Import;

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapPeopleImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/people/import", async (HttpRequest request, bool? dryRun, FleetAdmin admin) =>
            {
                using var reader = new StreamReader(request.Body);
                var report = await new PeopleImport(admin).Run(reader, dryRun ?? false, request.HttpContext.RequestAborted);
                // A dry run always answers 200 with what it found; a real import that found errors changed nothing.
                return report.Errors.Count > 0 && !report.DryRun ? Results.UnprocessableEntity(report) : Results.Ok(report);
            })
            .RequireAuthorization(Policies.Configure).WithTags("People").WithBodyLimit(BodyLimits.CsvImport)
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
