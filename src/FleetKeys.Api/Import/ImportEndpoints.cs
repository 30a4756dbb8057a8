using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Import;

public static class ImportEndpoints
{
    /// <param name="dataFolder">The node's private data folder: the files being imported are kept in its "imports" folder.</param>
    public static IEndpointRouteBuilder MapPeopleImport(this IEndpointRouteBuilder app, string dataFolder)
    {
        var folder = ImportFile.PrepareFolder(dataFolder);
        var logs = app.ServiceProvider.GetRequiredService<ILoggerFactory>();
        var log = logs.CreateLogger<PeopleImport>();
        var runs = new ImportRuns(logs, app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

        app.MapPost("/api/v1/people/import", async (HttpRequest request, bool? dryRun, bool? removeUnlisted,
                [FromQuery(Name = "async")] bool? inBackground, FleetAdmin admin) =>
            {
                if (dryRun == true && inBackground == true)
                    return RejectionResults.Problem(Rejection.Of(RejectionCode.Invalid, "a dry run answers at once: leave async out").About("async"));
                var file = await ImportFile.Receive(folder, request.Body, request.HttpContext.RequestAborted);
                var import = new PeopleImport(admin, removeUnlisted ?? false);
                if (dryRun == true) return new DryRunAnswer(file, import, new ImportProgress(log, file.Sha256));
                if (inBackground == true)
                {
                    var started = runs.Start(file, import);
                    return Results.Accepted($"/api/v1/people/imports/{started.Id}", started);
                }

                await using (file)
                {
                    var report = await import.Run(file, new ImportProgress(log, file.Sha256), request.HttpContext.RequestAborted);
                    // A real import that found errors changed nothing.
                    return report.Errors.Count > 0 ? Results.UnprocessableEntity(report) : Results.Ok(report);
                }
            })
            .RequireAuthorization(Policies.Configure).Scoped(ScopeRule.Everything).WithTags("People").WithBodyLimit(BodyLimits.CsvImport)
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ImportStatus>(StatusCodes.Status202Accepted);

        app.MapGet("/api/v1/people/imports/{id}", (string id) => runs.Find(id) is { } status
                ? Results.Ok(status)
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"import '{id}' does not exist")))
            .RequireAuthorization(Policies.Configure).Scoped(ScopeRule.Everything).WithTags("People").Produces<ImportStatus>();
        return app;
    }
}
