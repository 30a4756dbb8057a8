using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

/// <summary>One attribute of a schema, as RFC 7643 §7 describes it to clients; also what normalization checks values against.</summary>
public sealed record AttributeDefinition(
    string Name,
    string Type = "string",
    bool MultiValued = false,
    bool Required = false,
    bool CaseExact = false,
    string Mutability = "readWrite",
    string Returned = "default",
    string Uniqueness = "none",
    IReadOnlyList<AttributeDefinition>? SubAttributes = null)
{
    /// <summary>The definition of that name among <paramref name="definitions"/>, compared without case as SCIM names are.</summary>
    public static AttributeDefinition? Named(IEnumerable<AttributeDefinition>? definitions, string name) =>
        definitions?.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name, ["type"] = Type, ["multiValued"] = MultiValued, ["required"] = Required, ["caseExact"] = CaseExact,
            ["mutability"] = Mutability, ["returned"] = Returned, ["uniqueness"] = Uniqueness,
        };
        if (SubAttributes is not null) json["subAttributes"] = new JsonArray([.. SubAttributes.Select(JsonNode (a) => a.ToJson())]);
        return json;
    }
}

public sealed record SchemaDefinition(string Id, string Name, string Description, IReadOnlyList<AttributeDefinition> Attributes)
{
    public AttributeDefinition? Find(string name) => AttributeDefinition.Named(Attributes, name);

    public JsonObject ToJson(string location) => new()
    {
        ["schemas"] = new JsonArray(SchemaUrns.Schema),
        ["id"] = Id,
        ["name"] = Name,
        ["description"] = Description,
        ["attributes"] = new JsonArray([.. Attributes.Select(JsonNode (a) => a.ToJson())]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = location },
    };
}
