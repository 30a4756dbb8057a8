using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// The 403 of a grant that does not reach: it names the role, the permission that a permission set would need, and the scopes
/// that would (everything, when nothing narrower would).
/// </summary>
public static class ScopeRefusal
{
    public static IResult Problem(AccessNeed need, ResourceScope? resource)
    {
        var narrower = resource?.ToString() is { Length: > 0 } named ? named : null;
        var needed = narrower ?? "everything";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"this needs {need} over {(narrower is null ? "" : "everything or ")}{needed}; the caller's grants do not reach it",
            extensions: new Dictionary<string, object?> { ["role"] = need.Role, ["permission"] = need.Permission, ["scope"] = needed });
    }
}
