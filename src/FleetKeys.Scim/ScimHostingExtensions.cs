using FleetKeys.Api;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Problems;
using FleetKeys.Scim.Discovery;
using FleetKeys.Scim.EntitlementGroups;
using FleetKeys.Scim.Groups;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Provisioning;
using FleetKeys.Scim.Store;
using FleetKeys.Scim.Users;
using FleetKeys.Cluster.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Scim;

public static class ScimHostingExtensions
{
    /// <summary>The SCIM 2.0 service provider: its token scheme, its tables in the node's database, and the reconciler of people.</summary>
    public static IServiceCollection AddScim(this IServiceCollection services, ScimSettings settings, PersistenceSettings persistence)
    {
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(new ScimDatabase(persistence));
        services.AddSingleton<BadgeOwners>();
        services.AddSingleton<PersonReconciler>();
        services.AddSingleton<ScimUsers>();
        services.AddSingleton<IPersonalDataSource, ScimPersonalData>();
        services.AddSingleton<ScimGroups>();
        services.AddSingleton<EntitlementGroupStore>();
        services.AddHostedService<ScimStartup>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ScimTokenAuthentication>(ScimTokenAuthentication.SchemeName, null);
        // The API's default scheme would take every SCIM token for a wrong API key (and log it so); /scim is SCIM's to judge.
        services.PostConfigure<AuthenticationSchemeOptions>(ApiKeyAuthenticationHandler.SchemeName, o => o.ForwardDefaultSelector =
            context => context.Request.Path.StartsWithSegments(ScimUrls.Base) ? ScimTokenAuthentication.SchemeName : null);
        services.AddAuthorizationBuilder().AddPolicy(ScimTokenAuthentication.Policy,
            p => p.AddAuthenticationSchemes(ScimTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>/scim/v2 for identity providers, and /api/v1/entitlement-groups for administrators.</summary>
    public static WebApplication MapScim(this WebApplication app)
    {
        var scim = app.MapGroup(ScimUrls.Base)
            .RequireAuthorization(ScimTokenAuthentication.Policy)
            .AddEndpointFilter<ScimErrors>()
            .WithGroupName(OpenApiDocuments.Scim)
            .WithBodyLimit(BodyLimits.Scim);
        scim.MapScimDiscovery().MapScimUsers().MapScimGroups();
        scim.Map("/{**rest}", (string? rest) => ScimResponse.Error(StatusCodes.Status404NotFound, null, $"no SCIM endpoint /{rest}"))
            .ExcludeFromDescription();

        app.MapApiGroup().MapEntitlementGroups();
        return app;
    }
}
