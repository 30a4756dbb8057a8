using FleetKeys.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record ApiKeyView(string Name, string Role);

/// <summary>The configured API keys by name and role; a key's hash never leaves the node, and the node has no key to show.</summary>
public static class ApiKeysEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder api)
    {
        api.MapGet("/api-keys", (ApiKeys keys) => Results.Ok(keys.Names.Select(k => new ApiKeyView(k.Name, k.Role)).ToList()))
            .WithTags("Configuration").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure).Produces<List<ApiKeyView>>();
        return api;
    }
}
