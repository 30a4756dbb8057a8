namespace FleetKeys.Domain.People;

/// <summary>
/// How the origin of a change to a person is written, so the audit answers "where did this come from" in one form
/// whatever the surface: the API key's or SCIM token's name, the webhook event's id, the imported file's hash.
/// </summary>
public static class ChangeOrigin
{
    public static string ApiKey(string name) => $"api-key:{name}";

    public static string ScimToken(string name) => $"scim:{name}";

    public static string ConsoleUser(string name) => $"console:{name}";

    public static string Webhook(string eventId) => $"webhook:{eventId}";

    public static string Import(string sha256) => $"import:sha256:{sha256}";
}
