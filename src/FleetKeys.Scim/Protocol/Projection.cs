using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// The "attributes" and "excludedAttributes" query parameters (RFC 7644 §3.4.2.5), by attribute (a sub-attribute keeps
/// or drops its whole attribute). "id", "schemas" and "meta" are always returned.
/// </summary>
public sealed record Projection(IReadOnlyList<AttributePath> Attributes, IReadOnlyList<AttributePath> Excluded)
{
    private static readonly string[] Always = ["schemas", "id", "meta"];

    public static Projection From(HttpRequest request) => new(Paths(request, "attributes"), Paths(request, "excludedAttributes"));

    /// <summary>Whether the answer includes this top-level attribute, so a costly one (group members) need not be loaded.</summary>
    public bool Includes(string attribute) =>
        !Excluded.Any(p => Is(p, attribute)) && (Attributes.Count == 0 || Attributes.Any(p => Is(p, attribute)));

    public JsonObject Apply(JsonObject resource)
    {
        if (Attributes.Count == 0 && Excluded.Count == 0) return resource;
        var kept = new JsonObject(ScimJson.NodeOptions);
        foreach (var (key, value) in resource)
        {
            if (Always.Contains(key) || Included(key, value)) kept[key] = value?.DeepClone();
        }

        return kept;
    }

    private bool Included(string key, JsonNode? value)
    {
        if (!key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)) return Includes(key);
        // An extension is kept when any of its attributes is, and loses those that are not.
        if (value is not JsonObject extension) return false;
        foreach (var name in extension.Select(p => p.Key).ToList())
        {
            if (!IncludesIn(key, name)) extension.Remove(name);
        }

        return extension.Count > 0;
    }

    private bool IncludesIn(string schema, string attribute)
    {
        bool Names(AttributePath p) => p.Schema == schema && (p.Attribute is null || p.Attribute.Equals(attribute, StringComparison.OrdinalIgnoreCase));
        return !Excluded.Any(Names) && (Attributes.Count == 0 || Attributes.Any(Names));
    }

    private static bool Is(AttributePath path, string attribute) =>
        path.Schema is null && string.Equals(path.Attribute, attribute, StringComparison.OrdinalIgnoreCase);

    private static List<AttributePath> Paths(HttpRequest request, string name) =>
        [.. ScimRequest.Names(request, name).Select(n => AttributePath.Parse(n, ScimType.InvalidValue))];
}
