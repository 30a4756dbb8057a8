using FleetKeys.Console.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Console.Actions;

/// <summary>Each console action is its API twin's command, and is allowed where the twin would be.</summary>
public static class ActionChecks
{
    /// <summary>
    /// Refused here on the server, whatever the page showed, unless the user's grants (a role or a permission set) hold the
    /// twin's permission over the scope of what the action touches; the notice names the permission and the scope.
    /// </summary>
    public static RouteHandlerBuilder Does(this RouteHandlerBuilder action, ApiTwin twin) =>
        action.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var refused = await http.RequestServices.GetRequiredService<ConsoleAccess>().Refusal(http.User, twin, http.Request.RouteValues);
            if (refused is null) return await next(context);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return ActionEndpoints.Answer(http, http.RequestServices.GetRequiredService<ActionNotices>(), form["returnTo"], refused);
        });
}
