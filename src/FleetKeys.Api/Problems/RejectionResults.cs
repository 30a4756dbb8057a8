using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Problems;

/// <summary>Maps a domain rejection to an RFC 9457 problem; the rejection code travels as the "code" extension.</summary>
public static class RejectionResults
{
    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound or RejectionCode.BadgeNotHeld => StatusCodes.Status404NotFound,
        RejectionCode.Invalid or RejectionCode.ReasonRequired => StatusCodes.Status400BadRequest,
        RejectionCode.AlreadyExists or RejectionCode.BadgeAlreadyAssigned or RejectionCode.Conflict
            or RejectionCode.KeyNotAvailable => StatusCodes.Status409Conflict,
        RejectionCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult Problem(Rejection rejection)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = rejection.Code.ToString() };
        if (rejection.Field is not { } field)
            return Results.Problem(statusCode: StatusOf(rejection.Code), title: rejection.Code.ToString(), detail: rejection.Message, extensions: extensions);
        // About a field of the request: named like any invalid field, and something it names that does not exist makes the request bad.
        var status = rejection.Code is RejectionCode.NotFound or RejectionCode.Invalid ? StatusCodes.Status400BadRequest : StatusOf(rejection.Code);
        return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [rejection.Message] }, detail: $"{field}: {rejection.Message}",
            statusCode: status, title: rejection.Code.ToString(), extensions: extensions);
    }

    /// <summary>The entity's answer as <paramref name="ok"/> of its view, or the problem that explains the refusal.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> ok) where T : class =>
        outcome.Value is { } value ? ok(value) : Problem(outcome.Rejection!);
}
