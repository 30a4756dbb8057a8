using FleetKeys.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Console.SignIn;

/// <summary>Signing in (with an API key, or through the identity provider) and out. Both forms carry an anti-forgery token.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app, ConsoleSettings settings)
    {
        if (settings.ApiKeySignIn)
            app.MapPost("/signin/key", async ([FromForm] string? key, [FromForm] string? returnUrl, HttpContext http, ApiKeys keys,
                ILoggerFactory logs) =>
            {
                var log = logs.CreateLogger(typeof(SignInEndpoints));
                if (string.IsNullOrWhiteSpace(key) || keys.Find(key.Trim()) is not { } entry)
                {
                    log.LogWarning("Console sign-in with an unknown API key from {Address}", http.Connection.RemoteIpAddress);
                    return Results.Redirect($"/signin?error=key&returnUrl={Uri.EscapeDataString(Local(returnUrl))}");
                }

                await http.SignInAsync(ConsoleAuthentication.CookieScheme,
                    ConsoleAuthentication.Principal(entry.Name, entry.Role, "apiKey"));
                log.LogInformation("Console sign-in of API key {Key} as {Role}", entry.Name, entry.Role);
                return Results.LocalRedirect(Local(returnUrl));
            }).DisableAntiforgery().AddEndpointFilter(Antiforgery.Required).AllowAnonymous();

        if (settings.Oidc.Enabled)
            app.MapGet("/signin/oidc", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = Local(returnUrl) }, [ConsoleAuthentication.OidcScheme])).AllowAnonymous();

        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return Results.Redirect("/signin?signedOut=1");
        }).DisableAntiforgery().AddEndpointFilter(Antiforgery.Required).AllowAnonymous();
        return app;
    }

    /// <summary>Only a path of this node: a sign-in link must not be turned into a redirect to somewhere else.</summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
