using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// A resource type (RFC 7643 §6): its endpoint and schemas, and the normalization every stored resource goes through —
/// whatever a provider sent, what is kept has canonical attribute names, no nulls, and values of the schema's types.
/// </summary>
public sealed record ScimResourceType(string Name, string Endpoint, SchemaDefinition Schema, IReadOnlyList<SchemaDefinition> Extensions)
{
    public static readonly ScimResourceType User = new("User", "/Users", ScimSchemas.User, [ScimSchemas.EnterpriseUser]);
    public static readonly ScimResourceType Group = new("Group", "/Groups", ScimSchemas.Group, []);

    public static readonly IReadOnlyList<ScimResourceType> All = [User, Group];

    /// <summary>
    /// Sent by clients but never kept: the server's own attributes, the schema list (derived from what is present) and
    /// a password, which FleetKeys has no use for and will not store.
    /// </summary>
    private static readonly string[] Dropped = ["id", "meta", "schemas", "password"];

    public JsonObject Normalize(JsonObject input)
    {
        var output = new JsonObject(ScimJson.NodeOptions);
        foreach (var (key, value) in input)
        {
            if (value is null || Dropped.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            if (key.Equals("externalId", StringComparison.OrdinalIgnoreCase))
            {
                output["externalId"] = Scalar(value, "externalId");
                continue;
            }

            if (Extensions.FirstOrDefault(e => e.Id.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } extension)
            {
                if (Members(AsObject(value, extension.Id), extension.Attributes, extension.Id) is { Count: > 0 } members)
                    output[extension.Id] = members;
                continue;
            }

            // Unknown attributes (custom extensions, mostly) are kept as sent: a provider reads back what it wrote.
            if (Schema.Find(key) is not { } definition) output[key] = value.DeepClone();
            else if (definition.Mutability != "readOnly" && Checked(value, definition, definition.Name) is { } valid) output[definition.Name] = valid;
        }

        return output;
    }

    public bool IsMultiValued(AttributePath path)
    {
        if (path.Attribute is null) return false;
        var schema = path.Schema is null ? Schema : Extensions.FirstOrDefault(e => e.Id == path.Schema);
        return schema?.Find(path.Attribute)?.MultiValued ?? false;
    }

    public JsonArray SchemasOf(JsonObject resource) =>
        new([Schema.Id, .. Extensions.Where(e => resource.ContainsKey(e.Id)).Select(e => e.Id)]);

    public JsonObject ToJson(string location) => new()
    {
        ["schemas"] = new JsonArray(SchemaUrns.ResourceType),
        ["id"] = Name,
        ["name"] = Name,
        ["endpoint"] = Endpoint,
        ["description"] = Schema.Description,
        ["schema"] = Schema.Id,
        ["schemaExtensions"] = new JsonArray([.. Extensions.Select(JsonNode (e) => new JsonObject { ["schema"] = e.Id, ["required"] = false })]),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = location },
    };

    private static JsonObject? Members(JsonObject value, IReadOnlyList<AttributeDefinition>? definitions, string at)
    {
        var output = new JsonObject(ScimJson.NodeOptions);
        foreach (var (key, member) in value)
        {
            if (member is null) continue;
            if (AttributeDefinition.Named(definitions, key) is not { } definition)
                output[key] = member.DeepClone();
            else if (Checked(member, definition, $"{at}.{definition.Name}") is { } valid)
                output[definition.Name] = valid;
        }

        return output.Count == 0 ? null : output;
    }

    private static JsonNode? Checked(JsonNode value, AttributeDefinition definition, string at)
    {
        if (!definition.MultiValued) return Single(value, definition, at);
        // A lone value where a list is expected is a list of one.
        var values = new JsonArray([.. (value is JsonArray list ? list : [value]).OfType<JsonNode>().Select(v => Single(v, definition, at)).OfType<JsonNode>()]);
        return values.Count == 0 ? null : values;
    }

    private static JsonNode? Single(JsonNode value, AttributeDefinition definition, string at) => definition.Type switch
    {
        // A bare value for a complex attribute is its "value": Entra sends the enterprise manager as just the manager's id.
        "complex" when value is JsonValue bare => Members(new JsonObject { ["value"] = bare.DeepClone() }, definition.SubAttributes, at),
        "complex" => Members(AsObject(value, at), definition.SubAttributes, at),
        "boolean" => Boolean(value, at),
        _ => Scalar(value, at),
    };

    /// <summary>Entra sends booleans as the strings "True" and "False"; both forms mean the same.</summary>
    private static JsonValue Boolean(JsonNode value, string at) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var flag) => JsonValue.Create(flag),
        JsonValue v when v.TryGetValue<string>(out var text) && bool.TryParse(text.Trim(), out var flag) => JsonValue.Create(flag),
        _ => throw ScimException.BadRequest(ScimType.InvalidValue, $"{at} must be true or false"),
    };

    /// <summary>A string; a number is taken as its digits (employee numbers arrive both ways).</summary>
    private static JsonValue Scalar(JsonNode value, string at) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(text),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(v.ToJsonString()),
        _ => throw ScimException.BadRequest(ScimType.InvalidValue, $"{at} must be a string"),
    };

    private static JsonObject AsObject(JsonNode value, string at) =>
        value as JsonObject ?? throw ScimException.BadRequest(ScimType.InvalidValue, $"{at} must be an object");
}
