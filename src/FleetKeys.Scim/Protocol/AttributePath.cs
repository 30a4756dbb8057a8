using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// An attribute path (RFC 7644 §3.10, §3.5.2): an optional schema URN, an attribute, an optional value filter in brackets
/// and an optional sub-attribute — "userName", "name.givenName", "emails[type eq \"work\"].value", "members[value eq \"…\"]",
/// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber".
/// </summary>
/// <param name="Schema">An extension's URN; null for the core schema, whose attributes sit at the top of a resource.</param>
/// <param name="Attribute">Null when the path names a whole extension object.</param>
public sealed record AttributePath(string? Schema, string? Attribute, IReadOnlyList<Comparison>? Filter, string? SubAttribute)
{
    public static AttributePath Parse(string text, string scimType = ScimType.InvalidPath)
    {
        var (schema, rest) = SplitSchema(text.Trim());
        if (rest.Length == 0)
            return schema is null ? throw Invalid(text, scimType) : new AttributePath(schema, null, null, null);

        var at = 0;
        var attribute = Name(rest, ref at) ?? throw Invalid(text, scimType);
        IReadOnlyList<Comparison>? filter = null;
        if (at < rest.Length && rest[at] == '[')
        {
            var close = ClosingBracket(rest, at) ?? throw Invalid(text, scimType);
            filter = Protocol.Filter.Parse(rest[(at + 1)..close]);
            at = close + 1;
        }

        string? sub = null;
        if (at < rest.Length && rest[at] == '.')
        {
            at++;
            sub = Name(rest, ref at) ?? throw Invalid(text, scimType);
        }

        return at == rest.Length ? new AttributePath(schema, attribute, filter, sub) : throw Invalid(text, scimType);
    }

    /// <summary>The value this path names in a resource (no value filters: those select among values, for PATCH).</summary>
    public JsonNode? ValueIn(JsonObject resource)
    {
        var container = Schema is null ? resource : resource[Schema] as JsonObject;
        if (Attribute is null) return container;
        var value = container?[Attribute];
        return SubAttribute is null ? value : (value as JsonObject)?[SubAttribute];
    }

    public override string ToString() =>
        (Schema is null ? "" : Schema + (Attribute is null ? "" : ":")) + Attribute + (Filter is null ? "" : "[…]") +
        (SubAttribute is null ? "" : "." + SubAttribute);

    /// <summary>
    /// A URN's own colons and dots ("…:enterprise:2.0:User") make it inseparable by grammar alone: known schemas are
    /// matched whole, an unknown one is taken to end at the last colon before any filter.
    /// </summary>
    private static (string? Schema, string Attributes) SplitSchema(string text)
    {
        if (!text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)) return (null, text);
        foreach (var known in SchemaUrns.Resource)
        {
            if (!text.StartsWith(known, StringComparison.OrdinalIgnoreCase) || (text.Length > known.Length && text[known.Length] != ':'))
                continue;
            var rest = text.Length == known.Length ? "" : text[(known.Length + 1)..];
            return (SchemaUrns.Core.Contains(known) ? null : known, rest);
        }

        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var colon = text.LastIndexOf(':', bracket < 0 ? text.Length - 1 : bracket);
        return (text[..colon], text[(colon + 1)..]);
    }

    private static string? Name(string text, ref int at)
    {
        var start = at;
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '_' or '-' or '$')) at++;
        return at > start && !char.IsAsciiDigit(text[start]) ? text[start..at] : null;
    }

    /// <summary>Where the bracket opened at <paramref name="open"/> closes, skipping brackets inside quoted values.</summary>
    public static int? ClosingBracket(string text, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == ']') return i;
        }

        return null;
    }

    private static ScimException Invalid(string text, string scimType) =>
        ScimException.BadRequest(scimType, $"'{text}' is not an attribute path");
}
