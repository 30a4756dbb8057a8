using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Administration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Import;

public static class ImportEndpoints
{
    private const int MaxBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPeopleImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/people/import", async (HttpRequest request, bool? dryRun, FleetAdmin admin) =>
            {
                if (request.ContentLength > MaxBytes)
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: "at most 10 MiB");
                using var reader = new StreamReader(request.Body);
                var report = await new PeopleImport(admin).Run(await reader.ReadToEndAsync(), dryRun ?? false);
                // A dry run always answers 200 with what it found; a real import that found errors changed nothing.
                return report.Errors.Count > 0 && !report.DryRun ? Results.UnprocessableEntity(report) : Results.Ok(report);
            })
            .RequireAuthorization(Policies.Configure).WithTags("People")
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
