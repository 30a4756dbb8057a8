using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Scim.Protocol;

/// <summary>Reads SCIM request bodies and query parameters the way providers send them.</summary>
public static class ScimRequest
{
    /// <summary>
    /// The body as a JSON object whatever its Content-Type says: providers send application/scim+json, application/json,
    /// or either with a charset, and a well-formed body is all that matters.
    /// </summary>
    public static async Task<JsonObject> ReadObject(HttpRequest request)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, ScimJson.NodeOptions, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            throw ScimException.BadRequest(ScimType.InvalidSyntax, "the body is not well-formed JSON");
        }

        return node as JsonObject ?? throw ScimException.BadRequest(ScimType.InvalidSyntax, "the body must be a JSON object");
    }

    public static int? Integer(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0) return null;
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ScimException.BadRequest(ScimType.InvalidValue, $"'{name}' must be an integer");
    }

    /// <summary>The "filter" parameter's comparisons; none without one.</summary>
    public static IReadOnlyList<Comparison> Filter(HttpRequest request) =>
        request.Query["filter"].ToString() is { Length: > 0 } text ? Protocol.Filter.Parse(text) : [];

    /// <summary>The "attributes" / "excludedAttributes" parameters: a comma-separated list of attribute names.</summary>
    public static IReadOnlyList<string> Names(HttpRequest request, string name) =>
        request.Query[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
