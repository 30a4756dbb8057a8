using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// Every person change a request makes records who made it: the API key's name, the SCIM token's name or the console
/// user's. It runs after authorization, when the caller is known. An API key used on the management port is fleetctl's.
/// </summary>
public sealed class ChangeOriginMiddleware(RequestDelegate next, OriginKind apiKeyOrigin)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is not { IsAuthenticated: true, Name: { } name } identity)
        {
            await next(context);
            return;
        }

        using var scope = OriginScope.Use(identity.AuthenticationType switch
        {
            ApiKeyAuthenticationHandler.SchemeName => new ChangeOrigin(apiKeyOrigin, name),
            AuthSchemes.ScimToken => ChangeOrigin.ScimToken(name),
            _ => ChangeOrigin.ConsoleUser(name),
        });
        await next(context);
    }
}
