using System.Text.Json;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.People;

/// <summary>The surface a change to a person came through.</summary>
public enum OriginKind
{
    ApiKey,
    Fleetctl,
    Scim,
    Console,
    Webhook,
    Import,
}

/// <summary>
/// Where a change to a person came from, so the audit answers "where did this come from" in one form whatever the
/// surface, and rules that depend on it (only the identity provider lifts its own revocations) read a kind, not a text.
/// <c>Name</c> is the API key's, SCIM token's or console user's name, the webhook event's id, the imported file's hash.
/// Stored as <c>kind:name</c> (e.g. <c>scim:okta</c>), the form events have always carried.
/// </summary>
[JsonConverter(typeof(ChangeOriginJsonConverter))]
public sealed record ChangeOrigin(OriginKind Kind, string Name)
{
    private static readonly (OriginKind Kind, string Prefix)[] Prefixes =
    [
        (OriginKind.ApiKey, "api-key"), (OriginKind.Fleetctl, "fleetctl"), (OriginKind.Scim, "scim"),
        (OriginKind.Console, "console"), (OriginKind.Webhook, "webhook"), (OriginKind.Import, "import"),
    ];

    public static ChangeOrigin ScimToken(string name) => new(OriginKind.Scim, name);

    public static ChangeOrigin ConsoleUser(string name) => new(OriginKind.Console, name);

    public static ChangeOrigin Webhook(string eventId) => new(OriginKind.Webhook, eventId);

    public static ChangeOrigin Import(string sha256) => new(OriginKind.Import, $"sha256:{sha256}");

    public override string ToString() => $"{Prefixes.Single(p => p.Kind == Kind).Prefix}:{Name}";

    public static ChangeOrigin Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        foreach (var (kind, known) in Prefixes)
        {
            if (colon > 0 && text.AsSpan(0, colon).SequenceEqual(known)) return new ChangeOrigin(kind, text[(colon + 1)..]);
        }

        throw new FormatException($"'{text}' is not a change origin (expected one of {string.Join(", ", Prefixes.Select(p => p.Prefix + ":…"))})");
    }
}

public sealed class ChangeOriginJsonConverter : JsonConverter<ChangeOrigin>
{
    public override ChangeOrigin Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return ChangeOrigin.Parse(reader.GetString()!);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ChangeOrigin value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
