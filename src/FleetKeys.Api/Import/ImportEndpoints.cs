using System.Security.Cryptography;
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
        app.MapPost("/api/v1/people/import", async (HttpRequest request, bool? dryRun, bool? removeUnlisted, FleetAdmin admin) =>
            {
                // The file's hash is taken as it streams past, so the people it changes can name it as their origin.
                using var sha256 = SHA256.Create();
                await using var hashing = new CryptoStream(request.Body, sha256, CryptoStreamMode.Read, leaveOpen: true);
                using var reader = new StreamReader(hashing);
                var report = await new PeopleImport(admin, removeUnlisted ?? false).Run(reader, dryRun ?? false, () => Convert.ToHexStringLower(sha256.Hash!),
                    request.HttpContext.RequestAborted);
                // A dry run always answers 200 with what it found; a real import that found errors changed nothing.
                return report.Errors.Count > 0 && !report.DryRun ? Results.UnprocessableEntity(report) : Results.Ok(report);
            })
            .RequireAuthorization(Policies.Configure).WithTags("People").WithBodyLimit(BodyLimits.CsvImport)
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
