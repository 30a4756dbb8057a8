using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// Applies PATCH operations to a resource held as JSON (RFC 7644 §3.5.2), with the leniency real providers need:
/// a path-less value whose keys are themselves paths ("name.givenName", URN-qualified names), an add or replace on a
/// filtered path that matches nothing creates the value the filter describes (Entra's <c>emails[type eq "work"].value</c>),
/// and a remove with a list of values removes just those (Entra's way of removing group members).
/// </summary>
public sealed class Patcher(ScimResourceType type)
{
    /// <summary>Keys of a path-less value that name the server's own attributes, which a client cannot set (Okta sends "id").</summary>
    private static readonly string[] ServerOwned = ["id", "meta", "schemas"];

    public void Apply(JsonObject resource, IEnumerable<PatchOperation> operations)
    {
        foreach (var operation in operations) Apply(resource, operation);
    }

    private void Apply(JsonObject resource, PatchOperation operation)
    {
        if (operation.Path is not { } path)
        {
            foreach (var (key, value) in (JsonObject)operation.Value!)
            {
                if (ServerOwned.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                if (SchemaUrns.Core.Contains(key, StringComparer.OrdinalIgnoreCase) && value is JsonObject core)
                {
                    Apply(resource, operation with { Value = core });
                    continue;
                }

                // A key that is a whole extension's URN carries that extension's attributes.
                var keyPath = key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && value is JsonObject
                    ? new AttributePath(key, null, null, null)
                    : AttributePath.Parse(key);
                Apply(resource, operation with { Path = keyPath, Value = value?.DeepClone() });
            }

            return;
        }

        var container = Container(resource, path, create: operation.Op != PatchOp.Remove);
        if (container is null) return;
        if (path.Attribute is null)
        {
            if (operation.Op == PatchOp.Remove) resource.Remove(path.Schema!);
            else Merge(container, Object(operation.Value, path));
        }
        else if (path.Filter is not null)
        {
            ApplyFiltered(container, path, operation);
        }
        else if (path.SubAttribute is not null)
        {
            if (container[path.Attribute] is JsonArray)
                throw ScimException.BadRequest(ScimType.InvalidPath, $"'{path}': select the values with a filter, e.g. {path.Attribute}[type eq \"work\"].{path.SubAttribute}");
            var parent = container[path.Attribute] as JsonObject;
            if (parent is null && operation.Op == PatchOp.Remove) return;
            parent ??= (JsonObject)(container[path.Attribute] = new JsonObject(ScimJson.NodeOptions));
            Set(parent, path.SubAttribute, operation.Op, operation.Value, multiValued: false);
        }
        else
        {
            Set(container, path.Attribute, operation.Op, operation.Value, type.IsMultiValued(path));
        }
    }

    private static JsonObject? Container(JsonObject resource, AttributePath path, bool create)
    {
        if (path.Schema is null) return resource;
        if (resource[path.Schema] is JsonObject extension) return extension;
        if (!create) return null;
        var created = new JsonObject(ScimJson.NodeOptions);
        resource[path.Schema] = created;
        return created;
    }

    private static void Set(JsonObject container, string name, PatchOp op, JsonNode? value, bool multiValued)
    {
        var existing = container[name];
        if (op == PatchOp.Remove && value is JsonArray selected && existing is JsonArray values)
        {
            foreach (var match in values.Where(v => selected.Any(s => SameValue(v, s))).ToList()) values.Remove(match);
        }
        else if (op == PatchOp.Remove || value is null)
        {
            // A null value unassigns (RFC 7643 §2.5), whatever the operation.
            container.Remove(name);
        }
        else if (existing is JsonObject complex && value is JsonObject parts)
        {
            // Add and replace on a complex attribute both leave unmentioned sub-attributes alone (§3.5.2.1, §3.5.2.3).
            Merge(complex, parts);
        }
        else if (op == PatchOp.Add && (existing is JsonArray || (existing is null && (multiValued || value is JsonArray))))
        {
            var list = existing as JsonArray ?? (JsonArray)(container[name] = new JsonArray());
            IEnumerable<JsonNode?> items = value is JsonArray many ? [.. many] : [value];
            foreach (var item in items.OfType<JsonNode>())
            {
                if (!list.Any(v => SameValue(v, item))) list.Add(item.DeepClone());
            }
        }
        else
        {
            container[name] = multiValued && value is not JsonArray ? new JsonArray(value.DeepClone()) : value.DeepClone();
        }
    }

    private static void ApplyFiltered(JsonObject container, AttributePath path, PatchOperation operation)
    {
        var values = container[path.Attribute!] as JsonArray;
        var matches = values?.OfType<JsonObject>().Where(v => Filter.Matches(v, path.Filter!)).ToList() ?? [];
        if (operation.Op == PatchOp.Remove)
        {
            foreach (var match in matches)
            {
                if (path.SubAttribute is null) values!.Remove(match);
                else match.Remove(path.SubAttribute);
            }

            return;
        }

        if (operation.Value is null) throw ScimException.BadRequest(ScimType.InvalidValue, $"'{path}': {operation.Op} needs a value");
        if (matches.Count == 0)
        {
            // Nothing matches: the value the filter describes is created, as Entra expects of emails[type eq "work"].value.
            var created = new JsonObject(ScimJson.NodeOptions);
            foreach (var comparison in path.Filter!.Where(c => c.Path.SubAttribute is null && c.Path.Schema is null))
                created[comparison.Path.Attribute!] = comparison.Value?.DeepClone();
            values ??= (JsonArray)(container[path.Attribute!] = new JsonArray());
            values.Add(created);
            matches.Add(created);
        }

        foreach (var match in matches)
        {
            if (path.SubAttribute is not null) match[path.SubAttribute] = operation.Value.DeepClone();
            else if (operation.Op == PatchOp.Add) Merge(match, Object(operation.Value, path));
            else ReplaceWith(match, Object(operation.Value, path));
        }
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is null) target.Remove(key);
            else if (target[key] is JsonObject inner && value is JsonObject parts) Merge(inner, parts);
            else target[key] = value.DeepClone();
        }
    }

    private static void ReplaceWith(JsonObject target, JsonObject source)
    {
        target.Clear();
        Merge(target, source);
    }

    /// <summary>Values of a multi-valued attribute are the same when their "value" is (members, emails), else when equal.</summary>
    private static bool SameValue(JsonNode? a, JsonNode? b) =>
        a is JsonObject x && b is JsonObject y && x["value"] is not null && y["value"] is not null
            ? string.Equals(Filter.Text(x["value"]), Filter.Text(y["value"]), StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(a, b);

    private static JsonObject Object(JsonNode? value, AttributePath path) =>
        value as JsonObject ?? throw ScimException.BadRequest(ScimType.InvalidValue, $"'{path}': the value must be an object");
}
