using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetKeys.Api.Auth;

/// <summary>"Authorization: Bearer &lt;key&gt;" → a principal with the key's name and role; anything else → 401.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("expected 'Authorization: Bearer <api key>'"));

        var entry = keys.Find(header["Bearer ".Length..].Trim());
        if (entry is null) return Task.FromResult(AuthenticateResult.Fail("unknown API key"));

        return Authenticated(entry);
    }

    /// <summary>
    /// The key's name and every role it holds somewhere, which opens the role policies; what it may do where is checked after
    /// (<see cref="ScopeCheckMiddleware"/>). Where the node serves no grants (the management port) only the configured role counts; an admin key's grants add nothing.
    /// </summary>
    private async Task<AuthenticateResult> Authenticated(ApiKeyEntry entry)
    {
        var accesses = Context.RequestServices.GetService<CallerAccesses>();
        var roles = accesses is null || entry.Role == Roles.Admin
            ? Roles.All.Where(r => r == entry.Role)
            : (await accesses.Of(entry)).HeldRoles(Context.RequestServices.GetRequiredService<PermissionVocabulary>());
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "a valid API key is required: 'Authorization: Bearer <api key>'").ExecuteAsync(Context);
    }

    /// <summary>Refused by a role policy: named like the scope check's refusals, with the role and the permission the route needs.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        (Context.GetEndpoint() is { } endpoint
            ? ScopeRefusal.Problem(Permissions.NeedOf(endpoint), null)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "this API key's role may not do this")).ExecuteAsync(Context);
}
