using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Scim.Protocol;

/// <summary>A SCIM answer: <c>application/scim+json</c>, or plain JSON for a client that asks only for that.</summary>
public sealed class ScimResponse(int status, JsonNode? body, string? location = null) : IResult
{
    public const string MediaType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static ScimResponse Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(ErrorSchema), ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (scimType is not null) body["scimType"] = scimType;
        body["detail"] = detail;
        return new ScimResponse(status, body);
    }

    public static ScimResponse Error(ScimException e) => Error(e.Status, e.ScimType, e.Message);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = status;
        if (location is not null) context.Response.Headers.Location = location;
        if (body is null) return;
        context.Response.ContentType = (WantsPlainJson(context.Request) ? "application/json" : MediaType) + "; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static bool WantsPlainJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
               && !accept.Contains("scim+json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal);
    }
}
