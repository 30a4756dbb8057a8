using System.Text.Json;
using System.Text.Json.Serialization;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Health;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Api;

public static class ApiHostingExtensions
{
    public static IServiceCollection AddFleetKeysApi(this IServiceCollection services, ApiKeySettings keys, PersistenceSettings persistence)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // The web defaults read "4" as 4: a number must be a JSON number, or the body is refused naming the field.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterTimeoutHandler>();
        // A route that says nothing reads no more than a command; the larger limits are given route by route.
        services.Configure<KestrelServerOptions>(k =>
        {
            k.Limits.MaxRequestBodySize = BodyLimits.Command;
            k.GuardEveryEndpoint();
        });
        services.AddApiKeyAuth(keys);
        services.AddSingleton<CallerAccesses>();
        services.AddSingleton<ResourceScopes>();
        services.AddSingleton<PersonExports>();
        services.AddSingleton<PersonErasures>();
        services.AddSingleton<PermissionVocabulary>();
        services.AddFleetKeysOpenApi();
        services.AddReadSide(persistence);
        services.AddFleetKeysObservability();
        services.AddHealthChecks()
            .AddCheck<ClusterMemberUpCheck>("cluster", tags: ["ready"])
            .AddCheck<JournalReachableCheck>("journal", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapFleetKeysApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<RefusedRequestMiddleware>();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ScopeCheckMiddleware>();
        app.UseMiddleware<ChangeOriginMiddleware>(OriginKind.ApiKey);
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapFleetKeysObservability();

        app.MapApiGroup()
            .MapSites()
            .MapControllers()
            .MapCabinets()
            .MapOverview()
            .MapCustody()
            .MapPeople()
            .MapKeys()
            .MapHistory()
            .MapAlarms()
            .MapAlarmSettings()
            .MapCommands()
            .MapReservations()
            .MapFaults()
            .MapReturnQuestions()
            .MapApprovalRequests()
            .MapReports()
            .MapAudit()
            .MapProjections()
            .MapLive()
            .MapRevocations()
            .MapNotifications()
            .MapReportSubscriptions()
            .MapApiKeys()
            .MapScopes();
        app.MapMe();
        return app;
    }

    /// <summary>
    /// The management API's routes: readable by every role unless an endpoint asks for more, bodies bounded, malformed ids
    /// answered 404 and bad bodies 400 before any handler runs.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1").RequireAuthorization(Policies.Read).WithBodyLimit(BodyLimits.Command).WithRouteIds().WithRequestChecks();
}
