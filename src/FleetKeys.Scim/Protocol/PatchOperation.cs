using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

public enum PatchOp
{
    Add,
    Replace,
    Remove,
}

/// <summary>One operation of a PATCH request (RFC 7644 §3.5.2).</summary>
public sealed record PatchOperation(PatchOp Op, AttributePath? Path, JsonNode? Value)
{
    /// <summary>
    /// The operations of a PatchOp body. "op" is taken in any letter case ("Replace", as Entra sends it); a remove needs a
    /// path; an add or replace without one needs an object of attributes.
    /// </summary>
    public static IReadOnlyList<PatchOperation> ParseAll(JsonObject body)
    {
        if (body["Operations"] is not JsonArray { Count: > 0 } operations)
            throw ScimException.BadRequest(ScimType.InvalidSyntax, "a PATCH needs \"Operations\": a non-empty list");
        return [.. operations.Select((o, i) => Parse(o as JsonObject ?? throw Invalid(i, "must be an object"), i))];
    }

    private static PatchOperation Parse(JsonObject operation, int index)
    {
        var opName = (operation["op"] as JsonValue)?.TryGetValue<string>(out var text) == true ? text : null;
        if (!Enum.TryParse<PatchOp>(opName, ignoreCase: true, out var op) || int.TryParse(opName, out _))
            throw Invalid(index, "\"op\" must be add, replace or remove");

        var rawPath = operation["path"] is JsonValue p && p.TryGetValue<string>(out var pathText) && !string.IsNullOrWhiteSpace(pathText) ? pathText : null;
        var path = rawPath is null ? null : AttributePath.Parse(rawPath);
        var value = operation["value"];
        if (path is null && op == PatchOp.Remove)
            throw ScimException.BadRequest(ScimType.NoTarget, $"Operations[{index}]: a remove needs a path");
        if (path is null && value is not JsonObject)
            throw ScimException.BadRequest(ScimType.InvalidValue, $"Operations[{index}]: without a path, the value must be an object of attributes");
        return new PatchOperation(op, path, value?.DeepClone());
    }

    private static ScimException Invalid(int index, string detail) =>
        ScimException.BadRequest(ScimType.InvalidSyntax, $"Operations[{index}]: {detail}");
}
