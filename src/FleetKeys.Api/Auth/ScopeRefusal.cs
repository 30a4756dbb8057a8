using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>The 403 of a grant that does not reach: it names the role and the scopes that would (everything, when nothing narrower would).</summary>
public static class ScopeRefusal
{
    public static IResult Problem(string role, ResourceScope? resource)
    {
        var narrower = resource?.ToString() is { Length: > 0 } named ? named : null;
        var needed = narrower ?? "everything";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"this needs the role {role} over {(narrower is null ? "" : "everything or ")}{needed}; the caller's grants do not reach it",
            extensions: new Dictionary<string, object?> { ["role"] = role, ["scope"] = needed });
    }
}
