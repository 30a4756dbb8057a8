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
        // Only an API key opens the API: a browser's console cookie must not, or any site could post to it in the user's name.
        services.AddAuthorizationBuilder().AddRolePolicies(ApiKeyAuthenticationHandler.SchemeName)
            .AddPolicy(Policies.Authenticated, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }
}
