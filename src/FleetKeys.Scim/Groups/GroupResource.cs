using System.Text.Json.Nodes;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;

namespace FleetKeys.Scim.Groups;

/// <summary>A SCIM group's attributes as FleetKeys reads them; its members travel beside them, as user ids.</summary>
public static class GroupResource
{
    private static readonly AttributePath DisplayName = AttributePath.Parse("displayName");
    private static readonly AttributePath ExternalId = AttributePath.Parse("externalId");

    public static (JsonObject Attributes, IReadOnlyList<string> Members) Normalize(JsonObject input)
    {
        var attributes = ScimResourceType.Group.Normalize(input);
        if (string.IsNullOrWhiteSpace(Filter.Text(DisplayName.ValueIn(attributes))))
            throw ScimException.BadRequest(ScimType.InvalidValue, "displayName is required");
        var members = (attributes["members"] as JsonArray ?? [])
            .Select((member, i) => Filter.Text(member?["value"]) is { Length: > 0 } value
                ? value
                : throw ScimException.BadRequest(ScimType.InvalidValue, $"members[{i}].value is required"))
            .Distinct(StringComparer.Ordinal).ToList();
        attributes.Remove("members");
        return (attributes, members);
    }

    /// <summary>The group as one JSON object with its members, the way a PATCH sees it.</summary>
    public static JsonObject WithMembers(string resource, IEnumerable<string> members)
    {
        var json = ScimJson.Parse(resource);
        json["members"] = new JsonArray([.. members.Select(JsonNode (m) => new JsonObject { ["value"] = m })]);
        return json;
    }

    public static void Fill(ScimGroupRow row, JsonObject attributes, long now)
    {
        row.DisplayName = Filter.Text(DisplayName.ValueIn(attributes))!.Trim();
        row.DisplayNameKey = row.DisplayName.ToLowerInvariant();
        row.ExternalId = Filter.Text(ExternalId.ValueIn(attributes));
        row.Resource = attributes.ToJsonString();
        row.ModifiedAt = now;
        row.Revision++;
    }

    public static JsonObject ToJson(ScimGroupRow row, IReadOnlyList<string>? members, string location, Func<string, string> userLocation)
    {
        var json = new JsonObject(ScimJson.NodeOptions) { ["schemas"] = new JsonArray(SchemaUrns.Group), ["id"] = row.Id };
        foreach (var (key, value) in ScimJson.Parse(row.Resource)) json[key] = value?.DeepClone();
        if (members is not null)
        {
            json["members"] = new JsonArray([.. members.Select(JsonNode (m) =>
                new JsonObject { ["value"] = m, ["$ref"] = userLocation(m), ["type"] = "User" })]);
        }

        json["meta"] = ScimMeta.Of("Group", row.CreatedAt, row.ModifiedAt, location);
        return json;
    }
}
