using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Endpoints;
using FleetKeys.Management.Commands;
using FleetKeys.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Management;

/// <summary>The two routes fleetctl uses: list the palettes, run one command. Every answer is JSON, every failure a problem.</summary>
public static class ManagementEndpoints
{
    public static IEndpointRouteBuilder MapManagementCommands(this IEndpointRouteBuilder app)
    {
        var commands = app.MapGroup("/mgmt/v1/commands").RequireAuthorization(Policies.Read).WithRequestChecks();

        commands.MapGet("/", (ClaimsPrincipal caller, CommandCatalog catalog) => Results.Ok(catalog.Describe(caller)));

        commands.MapPost("/{palette}/{command}", async (string palette, string command, Body<RunRequest> body, ClaimsPrincipal caller,
            CommandCatalog catalog, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            if (catalog.Find(palette, command) is not { } found)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "NotFound",
                    detail: $"this node has no command '{palette} {command}'");
            var role = caller.FindFirstValue(ClaimTypes.Role);
            if (!Roles.Satisfies(role, found.Role))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"'{palette} {command}' needs the {found.Role} role; this API key is {role}");
            var values = body.Value.Arguments ?? [];
            var check = new Validator();
            foreach (var unknown in values.Keys.Where(k => found.Arguments.All(a => a.Name != k)))
                check.Fail(unknown, $"is not an argument of '{palette} {command}'");
            foreach (var argument in found.Arguments.Where(a => a.Required))
                check.Required(argument.Name, values.GetValueOrDefault(argument.Name));
            if (!check.IsValid) return check.Problem();

            // Changes are part of the node's story (who downed a node, who revoked whom); reads are not.
            var log = logs.CreateLogger("FleetKeys.Management");
            log.Log(found.Role == Roles.Auditor ? LogLevel.Debug : LogLevel.Information, "fleetctl {Palette} {Command} {Arguments} by {Caller}",
                palette, command, string.Join(" ", values.Select(v => found.Arguments.First(a => a.Name == v.Key).FreeText ? $"{v.Key}=(text)" : $"{v.Key}={v.Value}")),
                caller.Identity?.Name);
            try
            {
                return await found.Run(new CommandArguments(values, caller.Identity?.Name ?? ""), cancellationToken);
            }
            catch (Exception e) when (e is AskTimeoutException or TimeoutException)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable",
                    detail: "part of the cluster did not answer in time; try again");
            }
        });
        return app;
    }

    /// <summary>
    /// Who the node takes the key for and its grants, as the API's <c>/me</c> answers (fleetctl me). Any key may ask, even one
    /// holding nothing; the accesses are passed in rather than served, because the key's runtime grants must not open this
    /// port's commands, which act across the fleet on the configured role.
    /// </summary>
    public static IEndpointRouteBuilder MapManagementMe(this IEndpointRouteBuilder app, CallerAccesses accesses, PermissionVocabulary vocabulary)
    {
        app.MapGet("/mgmt/v1/me", async (ClaimsPrincipal caller) => Results.Ok(MeView.Of(await accesses.Of(caller), vocabulary)))
            .RequireAuthorization(Policies.Authenticated).WithRequestChecks();
        return app;
    }
}
