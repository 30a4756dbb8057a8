using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

public static class ScimJson
{
    /// <summary>SCIM attribute names are case-insensitive (RFC 7643 §2.1), so every object read or built is too.</summary>
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A resource as stored: always a JSON object, written by FleetKeys itself.</summary>
    public static JsonObject Parse(string stored) => (JsonObject)JsonNode.Parse(stored, NodeOptions)!;
}
