using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

/// <summary>"attribute eq value", the comparison every provider matches accounts by.</summary>
public sealed record Comparison(AttributePath Path, JsonNode? Value)
{
    /// <summary>
    /// Equal as text, ignoring case; a multi-valued attribute matches when any of its values (or their "value") does, and
    /// a value filter (<c>emails[type eq "work"].value</c>) when any value it selects does.
    /// </summary>
    public bool Matches(JsonObject resource)
    {
        var expected = Filter.Text(Value);
        if (Path.Filter is { } selector)
        {
            var selected = (Path with { Filter = null, SubAttribute = null }).ValueIn(resource) as JsonArray ?? [];
            return selected.OfType<JsonObject>().Where(v => Filter.Matches(v, selector))
                .Any(v => Same(Path.SubAttribute is null ? v["value"] : v[Path.SubAttribute], expected));
        }

        return Path.ValueIn(resource) switch
        {
            JsonArray values => values.Any(v => Same(v is JsonObject o ? o["value"] : v, expected)),
            var actual => Same(actual, expected),
        };
    }

    private static bool Same(JsonNode? actual, string? expected) => string.Equals(Filter.Text(actual), expected, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Filters of RFC 7644 §3.4.2.2 as identity providers send them: "eq" comparisons joined by "and", in parentheses or not,
/// of an attribute or of a value filter's sub-attribute (Entra's <c>emails[type eq "work"].value eq "…"</c>).
/// Any other operator is refused with invalidFilter rather than ignored: a filter that matched too much would link a
/// provider's account to the wrong person.
/// </summary>
public static class Filter
{
    private static readonly string[] OtherOperators = ["ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"];

    public static IReadOnlyList<Comparison> Parse(string text)
    {
        var tokens = Tokens(text);
        var at = 0;
        var comparisons = Conjunction(tokens, ref at);
        if (at < tokens.Count) throw Unsupported(tokens[at]);
        return comparisons;
    }

    public static bool Matches(JsonObject resource, IReadOnlyList<Comparison> filter) => filter.All(c => c.Matches(resource));

    /// <summary>A scalar as comparable text: strings as they are, booleans and numbers in their JSON form.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static List<Comparison> Conjunction(List<string> tokens, ref int at)
    {
        var all = Term(tokens, ref at);
        while (at < tokens.Count && tokens[at].Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            at++;
            all.AddRange(Term(tokens, ref at));
        }

        return all;
    }

    private static List<Comparison> Term(List<string> tokens, ref int at)
    {
        if (at >= tokens.Count) throw Invalid("the filter ends too early");
        if (tokens[at] == "(")
        {
            at++;
            var inner = Conjunction(tokens, ref at);
            if (at >= tokens.Count || tokens[at] != ")") throw Invalid("a parenthesis is not closed");
            at++;
            return inner;
        }

        if (tokens[at].Equals("not", StringComparison.OrdinalIgnoreCase)) throw Unsupported(tokens[at]);
        var path = AttributePath.Parse(tokens[at], ScimType.InvalidFilter);
        if (path.Attribute is null || path.Filter?.Any(c => c.Path.Filter is not null) == true)
            throw Invalid($"'{tokens[at]}' cannot be compared");
        if (at + 1 >= tokens.Count) throw Invalid($"expected an operator after '{tokens[at]}'");
        var op = tokens[at + 1];
        if (!op.Equals("eq", StringComparison.OrdinalIgnoreCase)) throw Unsupported(op);
        if (at + 2 >= tokens.Count) throw Invalid("expected a value after 'eq'");
        var value = Value(tokens[at + 2]);
        at += 3;
        return [new Comparison(path, value)];
    }

    private static JsonNode? Value(string token)
    {
        if (token.StartsWith('"')) return JsonValue.Create(Unquote(token));
        // Single quotes are not in the grammar, but appear in providers' documentation and requests.
        if (token.StartsWith('\'')) return JsonValue.Create(token[1..^1]);
        if (token.Equals("true", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create(true);
        if (token.Equals("false", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create(false);
        if (token.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        return decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : throw Invalid($"'{token}' is not a value: strings are quoted");
    }

    private static string? Unquote(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(token);
        }
        catch (JsonException)
        {
            throw Invalid($"{token} is not a valid string");
        }
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (char.IsWhiteSpace(c))
            {
                at++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                at++;
            }
            else if (c is '"' or '\'')
            {
                var start = at++;
                while (at < text.Length && text[at] != c) at += text[at] == '\\' ? 2 : 1;
                if (at >= text.Length) throw Invalid("a quoted value is not closed");
                tokens.Add(text[start..++at]);
            }
            else
            {
                var start = at;
                while (at < text.Length && !char.IsWhiteSpace(text[at]) && text[at] is not ('(' or ')'))
                {
                    // A value filter in brackets has spaces and quotes of its own: it belongs to the path token.
                    if (text[at] == '[') at = AttributePath.ClosingBracket(text, at) ?? throw Invalid("a '[' is not closed");
                    at++;
                }

                tokens.Add(text[start..at]);
            }
        }

        return tokens;
    }

    private static ScimException Unsupported(string token) => Invalid(
        token.Equals("or", StringComparison.OrdinalIgnoreCase) || token.Equals("not", StringComparison.OrdinalIgnoreCase)
            ? $"'{token}' is not supported: combine comparisons with 'and'"
            : OtherOperators.Contains(token.ToLowerInvariant())
                ? $"the operator '{token}' is not supported: compare with 'eq'"
                : $"unexpected '{token}'");

    private static ScimException Invalid(string detail) => ScimException.BadRequest(ScimType.InvalidFilter, detail);
}
