using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using FleetKeys.Domain.ReadSide;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>Where each projection has got to in the journal, and rebuilding one from scratch (admins only: lists empty meanwhile).</summary>
public static class ProjectionsEndpoints
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapProjections(this RouteGroupBuilder api)
    {
        var projections = api.MapGroup("/projections").WithTags("Read side").Scoped(ScopeRule.Everything);

        projections.MapGet("/", async (IActorRegistry registry) =>
                Outcome<ProjectionStatuses>.From(await registry.Get<ProjectionSupervisorProxy>().Ask<object>(new GetProjectionStatus(), Timeout))
                    .ToResult(s => Results.Ok(s.Projections)))
            .Produces<IReadOnlyList<ProjectionStatus>>();

        projections.MapPost("/{name}/rebuild", async (string name, IActorRegistry registry) =>
                Outcome<ProjectionStatus>.From(await registry.Get<ProjectionSupervisorProxy>().Ask<object>(new RebuildProjection(name), Timeout))
                    .ToResult(s => Results.Accepted($"/api/v1/projections", s)))
            .RequireAuthorization(Policies.Configure).Produces<ProjectionStatus>(StatusCodes.Status202Accepted);
        return api;
    }
}
