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

    /// <summary>
    /// Every screen and action: open to a user holding a role over everything or a narrower grant; each then shows what its API
    /// twin's permission reaches and checks each action over its scope (<see cref="ConsoleAccess"/>).
    /// </summary>
    public const string ScopedRead = PolicyPrefix + "scoped-read";

    /// <summary>The role an identity-provider user's groups map to in the configuration (Oidc:Roles), over everything.</summary>
    public const string ConfiguredRoleClaim = "fleetkeys:configured-role";

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

        services.AddAuthorizationBuilder()
            .AddPolicy(ScopedRead, p => p.AddAuthenticationSchemes(CookieScheme)
                .RequireAssertion(c => Roles.All.Any(c.User.IsInRole) || c.User.HasClaim(ConsoleGrantClaims.ScopedClaim, "true")));
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<ApiTwins>();
        services.AddTransient<IClaimsTransformation, ConsoleGrantClaims>();
        return services;
    }

    /// <summary>The session of a user who signed in with an API key: only the key's name and role, as the API records commands.</summary>
    public static ClaimsPrincipal Principal(string name, string role, string method) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method)],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>
    /// The session of an identity-provider user: its name, the role its groups map to in the configuration (if one does), and
    /// its groups, whose runtime grants apply on every request (<see cref="ConsoleGrantClaims"/>).
    /// </summary>
    public static ClaimsPrincipal Principal(string name, string? role, IEnumerable<string> groups) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name), new Claim(MethodClaim, "oidc"),
                .. role is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.Role, role), new Claim(ConfiguredRoleClaim, role)],
                .. groups.Distinct().Select(g => new Claim(ConsoleAccess.GroupClaim, g)),
            ],
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
        o.Events.OnTicketReceived = async context =>
        {
            var claims = context.Principal!;
            var name = claims.FindFirstValue(settings.NameClaim) ?? claims.FindFirstValue("name") ?? claims.FindFirstValue("sub") ?? "";
            var groups = claims.FindAll(settings.RoleClaim).Select(c => c.Value).ToList();
            var role = ConsoleRoles.Highest(groups, settings.Roles);
            var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleAuthentication));
            var granted = await context.HttpContext.RequestServices.GetRequiredService<ConsoleAccess>().GrantsOf(groups);
            if (role is null && granted.Count == 0)
            {
                log.LogWarning("Console sign-in of {User} refused: none of their {Claim} maps to a FleetKeys role or holds a grant", name, settings.RoleClaim);
                context.Response.Redirect("/signin?error=role");
                context.HandleResponse();
                return;
            }

            log.LogInformation("Console sign-in of {User} as {Role} (and {Grants} grants to their groups) through OpenID Connect", name, role ?? "no role",
                granted.Count);
            context.Principal = Principal(name, role, groups);
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
