using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// The 403 of a grant that does not reach: it names the role, the permission that a permission set would need, and the scopes
/// that would (everything, when nothing narrower would).
/// </summary>
public static class ScopeRefusal
{
    public static IResult Problem(AccessNeed need, ResourceScope? resource) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: Detail(need, resource),
            extensions: new Dictionary<string, object?> { ["role"] = need.Role, ["permission"] = need.Permission, ["scope"] = Needed(resource) });

    /// <summary>The refusal in words, as the console shows it in its notice.</summary>
    public static string Detail(AccessNeed need, ResourceScope? resource) =>
        $"this needs {need} over {(Narrower(resource) is null ? "" : "everything or ")}{Needed(resource)}; the caller's grants do not reach it";

    private static string? Narrower(ResourceScope? resource) => resource?.ToString() is { Length: > 0 } named ? named : null;

    private static string Needed(ResourceScope? resource) => Narrower(resource) ?? "everything";
}
