using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Console.SignIn;

/// <summary>Every form the console posts carries the token its page was given; a post without it (another site's) is refused.</summary>
public static class Antiforgery
{
    public static async ValueTask<object?> Required(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "the form's anti-forgery token is missing or invalid: reload the page and try again");
        }

        return await next(context);
    }
}
