using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Api.Auth;

public static class AuthHostingExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, ApiKeySettings settings)
    {
        services.AddSingleton(new ApiKeys(settings));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Admin, Roles.Operator, Roles.Auditor))
            .AddPolicy(Policies.Operate, p => p.RequireRole(Roles.Admin, Roles.Operator))
            .AddPolicy(Policies.Configure, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
