using System.Globalization;
using System.Text.Json.Nodes;

namespace FleetKeys.Scim.Protocol;

public static class ScimMeta
{
    /// <summary>The "meta" of a resource (RFC 7643 §3.1); times are kept as Unix milliseconds.</summary>
    public static JsonObject Of(string resourceType, long created, long lastModified, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = Time(created),
        ["lastModified"] = Time(lastModified),
        ["location"] = location,
    };

    private static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
