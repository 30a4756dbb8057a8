using System.Security.Claims;
using FleetKeys.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// The console's sessions: a cookie that holds the user's name and FleetKeys role (never a key or a token), issued after
/// an API key or an OpenID Connect sign-in. API requests keep their bearer keys; the cookie opens only the console.
/// </summary>
public static class ConsoleAuthentication
{
    public const string CookieScheme = "FleetKeys.Console";
    public const string OidcScheme = "FleetKeys.Oidc";

    /// <summary>The default for authenticating: a request with an Authorization header is an API call, any other a console one.</summary>
    public const string SelectScheme = "FleetKeys.Select";

    public const string Read = PolicyPrefix + Policies.Read;
    public const string Operate = PolicyPrefix + Policies.Operate;
    public const string Configure = PolicyPrefix + Policies.Configure;

    private const string PolicyPrefix = "console.";

    /// <summary>How the user signed in: "apiKey" or "oidc".</summary>
    public const string MethodClaim = "fleetkeys:signin";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services, ConsoleSettings settings)
    {
        var authentication = services.AddAuthentication(o => o.DefaultAuthenticateScheme = SelectScheme)
            .AddPolicyScheme(SelectScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "fleetkeys.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = settings.SessionIdle;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = StillHoldsKey;
            });
        if (settings.Oidc.Enabled) authentication.AddOpenIdConnect(OidcScheme, o => ConfigureOidc(o, settings.Oidc));

        services.AddAuthorizationBuilder().AddRolePolicies(CookieScheme, policy => PolicyPrefix + policy);
        return services;
    }

    /// <summary>The session of a user who signed in with an API key: only the key's name and role, as the API records commands.</summary>
    public static ClaimsPrincipal Principal(string name, string role, string method) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method)],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>A key removed from the configuration, or given another role, ends the sessions it opened.</summary>
    private static async Task StillHoldsKey(CookieValidatePrincipalContext context)
    {
        var user = context.Principal!;
        if (user.FindFirstValue(MethodClaim) != "apiKey") return;
        if (context.HttpContext.RequestServices.GetRequiredService<ApiKeys>().Holds(user.Identity!.Name!, user.RoleOf())) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, OidcSettings settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.SignInScheme = CookieScheme;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The answer comes back as a GET, so the correlation cookie (SameSite=Lax) travels without HTTPS on loopback too.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.CallbackPath = "/signin-oidc";
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.SaveTokens = false;
        o.Scope.Clear();
        foreach (var scope in (string[])["openid", "profile", .. settings.Scopes]) o.Scope.Add(scope);
        o.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
        o.ClaimActions.MapJsonKey(settings.NameClaim, settings.NameClaim);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnTicketReceived = context =>
        {
            var claims = context.Principal!;
            var name = claims.FindFirstValue(settings.NameClaim) ?? claims.FindFirstValue("name") ?? claims.FindFirstValue("sub") ?? "";
            var role = ConsoleRoles.Highest(claims.FindAll(settings.RoleClaim).Select(c => c.Value), settings.Roles);
            var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleAuthentication));
            if (role is null)
            {
                log.LogWarning("Console sign-in of {User} refused: none of their {Claim} maps to a FleetKeys role", name, settings.RoleClaim);
                context.Response.Redirect("/signin?error=role");
                context.HandleResponse();
                return Task.CompletedTask;
            }

            log.LogInformation("Console sign-in of {User} as {Role} through OpenID Connect", name, role);
            context.Principal = Principal(name, role, "oidc");
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleAuthentication))
                .LogWarning(context.Failure, "Console sign-in through OpenID Connect failed");
            context.Response.Redirect("/signin?error=idp");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
