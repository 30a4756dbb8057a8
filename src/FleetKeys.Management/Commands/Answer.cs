using Microsoft.AspNetCore.Http;

namespace FleetKeys.Management.Commands;

/// <summary>Short forms for the answers commands give: a view, a problem, or the arguments' validation problem.</summary>
public static class Answer
{
    public static Task<IResult> Ok(object view) => Task.FromResult(Results.Ok(view));

    public static Task<IResult> Problem(int status, string detail) => Task.FromResult(Results.Problem(statusCode: status, detail: detail));

    public static Task<IResult> Invalid(CommandArguments arguments) => Task.FromResult(arguments.Check.Problem());
}
