using FleetKeys.Console.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Console.Actions;

/// <summary>Each console action is its API twin's command, and is allowed where the twin would be.</summary>
public static class ActionChecks
{
    /// <summary>
    /// Refused here on the server, whatever the page showed, unless the user's grants (a role or a permission set) hold the
    /// twin's permission over the scope of what the action touches; the notice names the permission and the scope.
    /// </summary>
    /// <param name="named">
    /// Where the action names what it touches in its form rather than its path (the administration's forms): the twin's route
    /// values read from the form.
    /// </param>
    public static RouteHandlerBuilder Does(this RouteHandlerBuilder action, ApiTwin twin, Func<IFormCollection, RouteValueDictionary>? named = null) =>
        action.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var values = named is null ? http.Request.RouteValues : named(form);
            var refused = await http.RequestServices.GetRequiredService<ConsoleAccess>().Refusal(http.User, twin, values);
            if (refused is null) return await next(context);
            return ActionEndpoints.Answer(http, http.RequestServices.GetRequiredService<ActionNotices>(), form["returnTo"], refused);
        });
}
