using System.Text.Json.Nodes;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Text;

namespace FleetKeys.Scim.Users;

/// <summary>A SCIM user's attributes as FleetKeys reads them, and the row that keeps them.</summary>
public static class UserResource
{
    private static readonly AttributePath UserName = AttributePath.Parse("userName");
    private static readonly AttributePath ExternalId = AttributePath.Parse("externalId");
    private static readonly AttributePath DisplayName = AttributePath.Parse("displayName");
    private static readonly AttributePath Formatted = AttributePath.Parse("name.formatted");
    private static readonly AttributePath GivenName = AttributePath.Parse("name.givenName");
    private static readonly AttributePath FamilyName = AttributePath.Parse("name.familyName");
    private static readonly AttributePath EmployeeNumber = AttributePath.Parse($"{SchemaUrns.EnterpriseUser}:employeeNumber");
    private static readonly AttributePath Active = AttributePath.Parse("active");
    private static readonly AttributePath Emails = AttributePath.Parse("emails");
    private static readonly AttributePath ManagerId = AttributePath.Parse($"{SchemaUrns.EnterpriseUser}:manager.value");
    private static readonly Comparison WorkType = new(AttributePath.Parse("type"), JsonValue.Create("work"));

    /// <summary>The longest text FleetKeys keeps in an attribute it reads (an email address is at most 254).</summary>
    public const int MaxTextLength = 256;

    /// <summary>How many email addresses a user may have; FleetKeys uses one of them.</summary>
    public const int MaxEmails = 20;

    /// <summary>The text attributes FleetKeys reads: names, the ids providers find users by.</summary>
    private static readonly AttributePath[] Texts = [UserName, ExternalId, DisplayName, Formatted, GivenName, FamilyName, EmployeeNumber];

    /// <summary>
    /// Checks and normalizes a user as sent. "active" left out keeps the account as it was — Okta's PUT may omit it, and
    /// reading its absence as false would deprovision someone by accident; a new user starts active. What FleetKeys reads
    /// must be within its bounds and plain text; anything else is refused naming the attribute, never cut or dropped.
    /// </summary>
    public static JsonObject Normalize(JsonObject input, bool? wasActive)
    {
        var attributes = ScimResourceType.User.Normalize(input);
        if (string.IsNullOrWhiteSpace(Text(attributes, UserName)))
            throw ScimException.BadRequest(ScimType.InvalidValue, "userName is required");
        foreach (var path in Texts) CheckText(path.ToString(), Filter.Text(path.ValueIn(attributes)));
        var emails = Emails.ValueIn(attributes) as JsonArray ?? [];
        if (emails.Count > MaxEmails) throw ScimException.BadRequest(ScimType.InvalidValue, $"emails: at most {MaxEmails} addresses");
        foreach (var email in emails) CheckText("emails", Filter.Text((email as JsonObject)?["value"]));
        if (Text(attributes, ManagerId) is { } manager && !IdRules.IsValid(manager))
            throw ScimException.BadRequest(ScimType.InvalidValue, $"manager: '{manager}' is not the id of a user");
        attributes["active"] ??= JsonValue.Create(wasActive ?? true);
        return attributes;
    }

    private static void CheckText(string attribute, string? value)
    {
        if (value is null) return;
        if (value.Length > MaxTextLength)
            throw ScimException.BadRequest(ScimType.InvalidValue, $"{attribute}: at most {MaxTextLength} characters");
        if (PlainText.Problem(value) is { } problem) throw ScimException.BadRequest(ScimType.InvalidValue, $"{attribute}: {problem}");
    }

    /// <summary>The badge number from the configured attribute, if the user has one; it must be a valid FleetKeys badge number.</summary>
    public static BadgeNumber? Badge(JsonObject attributes, AttributePath? attribute)
    {
        if (attribute is null || Text(attributes, attribute) is not { } value) return null;
        return IdRules.IsValid(value)
            ? new BadgeNumber(value)
            : throw ScimException.BadRequest(ScimType.InvalidValue,
                $"{attribute} is the badge number: it must be 1-{IdRules.MaxLength} letters, digits, '.', '_', ':' or '-'");
    }

    /// <summary>The name a person is registered with: the display name, else the formatted or given and family names, else userName.</summary>
    public static string PersonName(JsonObject attributes)
    {
        var given = string.Join(' ', new[] { Text(attributes, GivenName), Text(attributes, FamilyName) }.OfType<string>());
        var name = Text(attributes, DisplayName) ?? Text(attributes, Formatted) ?? (given.Length > 0 ? given : Text(attributes, UserName)!);
        return name.Length <= 200 ? name : name[..200];
    }

    /// <summary>
    /// Where notices go: the primary email, else the work one, else the first. One that is not a plain address is left
    /// out rather than refusing the user: the identity provider owns it, and FleetKeys only writes to it.
    /// </summary>
    public static string? Email(JsonObject attributes)
    {
        var emails = (Emails.ValueIn(attributes) as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var chosen = emails.FirstOrDefault(e => e["primary"] is JsonValue primary && primary.TryGetValue<bool>(out var yes) && yes)
            ?? emails.FirstOrDefault(e => string.Equals(Filter.Text(e["type"]), "work", StringComparison.OrdinalIgnoreCase))
            ?? emails.FirstOrDefault();
        var address = Filter.Text(chosen?["value"])?.Trim();
        return EmailAddress.IsValid(address) ? address : null;
    }

    /// <summary>The first work email as written (Entra matches users by it), whether or not it is where notices go.</summary>
    public static string? WorkEmail(JsonObject attributes) =>
        (Emails.ValueIn(attributes) as JsonArray)?.OfType<JsonObject>().Where(e => WorkType.Matches(e))
        .Select(e => Filter.Text(e["value"])?.Trim()).FirstOrDefault(v => v is { Length: > 0 });

    /// <summary>True for the value filter <c>type eq "work"</c> on emails, the one FleetKeys keeps an index for.</summary>
    public static bool SelectsWorkEmail(IReadOnlyList<Comparison> filter) =>
        filter is [{ Path: { Schema: null, Attribute: { } attribute, Filter: null, SubAttribute: null }, Value: var value }]
        && attribute.Equals("type", StringComparison.OrdinalIgnoreCase) && string.Equals(Filter.Text(value), "work", StringComparison.OrdinalIgnoreCase);

    /// <summary>The enterprise manager's SCIM id, which is the manager's person id; users stored before the id was checked may hold another value.</summary>
    public static PersonId? Manager(JsonObject attributes) =>
        Text(attributes, ManagerId) is { } id && IdRules.IsValid(id) ? new PersonId(id) : null;

    public static void Fill(ScimUserRow row, JsonObject attributes, BadgeNumber? badge, long now)
    {
        ChangeBadge(row, badge?.Value);
        row.UserNameKey = Text(attributes, UserName)!.ToLowerInvariant();
        row.ExternalId = Text(attributes, ExternalId);
        row.DisplayNameKey = Text(attributes, DisplayName)?.ToLowerInvariant();
        row.EmployeeNumberKey = Text(attributes, EmployeeNumber)?.ToLowerInvariant();
        row.WorkEmailKey = WorkEmail(attributes)?.ToLowerInvariant();
        row.Active = Active.ValueIn(attributes) is JsonValue active && active.GetValue<bool>();
        row.Resource = attributes.ToJsonString();
        row.ModifiedAt = now;
        row.Revision++;
        row.Pending = true;
    }

    /// <summary>A badge the user stops carrying is retired: the person must lose it and the number be freed for someone else.</summary>
    public static void ChangeBadge(ScimUserRow row, string? badge)
    {
        var retired = Retired(row).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Badge numbers ignore case: one stored by an older version in lower case is the same badge, not a retired one.
        if (row.Badge is { } old && !string.Equals(old, badge, StringComparison.OrdinalIgnoreCase)) retired.Add(old);
        if (badge is not null) retired.Remove(badge);
        row.Badge = badge;
        row.RetiredBadges = retired.Count == 0 ? null : string.Join(' ', retired.Order(StringComparer.Ordinal));
    }

    public static IEnumerable<string> Retired(ScimUserRow row) => row.RetiredBadges?.Split(' ') ?? [];

    public static string UserNameOf(JsonObject attributes) => Text(attributes, UserName)!;

    public static JsonObject ToJson(ScimUserRow row, string location)
    {
        var attributes = ScimJson.Parse(row.Resource);
        var json = new JsonObject(ScimJson.NodeOptions) { ["schemas"] = ScimResourceType.User.SchemasOf(attributes), ["id"] = row.Id };
        foreach (var (key, value) in attributes) json[key] = value?.DeepClone();
        json["meta"] = ScimMeta.Of("User", row.CreatedAt, row.ModifiedAt, location);
        return json;
    }

    private static string? Text(JsonObject attributes, AttributePath path) =>
        Filter.Text(path.ValueIn(attributes)) is { Length: > 0 } text ? text.Trim() : null;
}
