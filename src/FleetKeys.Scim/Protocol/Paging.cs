using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// "startIndex" (1-based) and "count" of RFC 7644 §3.4.2.4: a start below 1 is 1, a negative count is 0, and a count
/// above the maximum is the maximum (the service provider configuration says which).
/// </summary>
public sealed record Paging(int StartIndex, int Count)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;

    public static Paging From(HttpRequest request) => new(
        Math.Max(1, ScimRequest.Integer(request, "startIndex") ?? 1),
        Math.Clamp(ScimRequest.Integer(request, "count") ?? DefaultCount, 0, MaxCount));

    public int Skip => StartIndex - 1;

    public JsonObject ListResponse(int totalResults, IEnumerable<JsonObject> resources)
    {
        var page = new JsonArray([.. resources]);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.ListResponse),
            ["totalResults"] = totalResults,
            ["startIndex"] = StartIndex,
            ["itemsPerPage"] = page.Count,
            ["Resources"] = page,
        };
    }
}
