namespace FleetKeys.Scim.Protocol;

/// <summary>The schemas FleetKeys serves (RFC 7643 §4, §8.7.1): what /Schemas lists and what stored values are checked against.</summary>
public static class ScimSchemas
{
    private static AttributeDefinition Text(string name, bool caseExact = false) => new(name, CaseExact: caseExact);

    private static AttributeDefinition Flag(string name) => new(name, "boolean");

    /// <summary>"value", "display", "type" and "primary": the shape of emails, phone numbers and the like.</summary>
    private static AttributeDefinition Plural(string name, params AttributeDefinition[] more) =>
        new(name, "complex", MultiValued: true, SubAttributes: [Text("value"), Text("display"), Text("type"), Flag("primary"), .. more]);

    public static readonly SchemaDefinition User = new(SchemaUrns.User, "User", "User Account",
    [
        new("userName", Required: true, Uniqueness: "server"),
        new("name", "complex", SubAttributes:
        [
            Text("formatted"), Text("familyName"), Text("givenName"), Text("middleName"), Text("honorificPrefix"), Text("honorificSuffix"),
        ]),
        Text("displayName"), Text("nickName"), new("profileUrl", "reference"), Text("title"), Text("userType"),
        Text("preferredLanguage"), Text("locale"), Text("timezone"),
        Flag("active"),
        Plural("emails"),
        Plural("phoneNumbers"),
        new("addresses", "complex", MultiValued: true, SubAttributes:
        [
            Text("formatted"), Text("streetAddress"), Text("locality"), Text("region"), Text("postalCode"), Text("country"), Text("type"),
            Flag("primary"),
        ]),
        new("groups", "complex", MultiValued: true, Mutability: "readOnly", SubAttributes:
        [
            new("value", Mutability: "readOnly"), new("$ref", "reference", Mutability: "readOnly"), new("display", Mutability: "readOnly"),
        ]),
    ]);

    public static readonly SchemaDefinition EnterpriseUser = new(SchemaUrns.EnterpriseUser, "EnterpriseUser", "Enterprise User",
    [
        Text("employeeNumber"), Text("costCenter"), Text("organization"), Text("division"), Text("department"),
        new("manager", "complex", SubAttributes: [Text("value"), new("$ref", "reference"), new("displayName", Mutability: "readOnly")]),
    ]);

    public static readonly SchemaDefinition Group = new(SchemaUrns.Group, "Group", "Group",
    [
        new("displayName", Required: true, Uniqueness: "server"),
        new("members", "complex", MultiValued: true, SubAttributes:
        [
            new("value", Mutability: "immutable", CaseExact: true), new("$ref", "reference", Mutability: "immutable"),
            new("display", Mutability: "readOnly"), new("type", Mutability: "immutable"),
        ]),
    ]);

    public static readonly IReadOnlyList<SchemaDefinition> All = [User, EnterpriseUser, Group];

    public static SchemaDefinition? Find(string id) => All.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}
