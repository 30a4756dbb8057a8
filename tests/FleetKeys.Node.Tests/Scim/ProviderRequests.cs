namespace FleetKeys.Node.Tests.Scim;

/// <summary>
/// Requests in the shapes Microsoft Entra ID and Okta document and send (their provisioning references and the
/// requests their validators replay): the quirks are the point, so they are written out, not built.
/// </summary>
public static class ProviderRequests
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>Entra's user creation: both schemas, externalId, a work email, the enterprise extension.</summary>
    public static string EntraUser(string userName, string externalId, string? employeeNumber = null, string displayName = "Ada Lovelace") => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
          "externalId": "{{externalId}}",
          "userName": "{{userName}}",
          "active": true,
          "displayName": "{{displayName}}",
          "emails": [{ "primary": true, "type": "work", "value": "{{userName}}" }],
          "meta": { "resourceType": "User" },
          "name": { "formatted": "{{displayName}}", "familyName": "Lovelace", "givenName": "Ada" },
          "title": "Engineer",
          "{{Enterprise}}": { "employeeNumber": {{(employeeNumber is null ? "null" : $"\"{employeeNumber}\"")}}, "department": "Plant" }
        }
        """;

    /// <summary>Okta's user creation: no externalId (Okta keeps FleetKeys' id as its own), a read-only "groups", a password it will never get back.</summary>
    public static string OktaUser(string userName, string? employeeNumber = null) => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
          "userName": "{{userName}}",
          "name": { "givenName": "Grace", "familyName": "Hopper" },
          "emails": [{ "primary": true, "value": "{{userName}}", "type": "work" }],
          "displayName": "Grace Hopper",
          "locale": "en-US",
          "groups": [],
          "password": "1mz050nq",
          "active": true,
          "{{Enterprise}}": { "employeeNumber": {{(employeeNumber is null ? "null" : $"\"{employeeNumber}\"")}} }
        }
        """;

    /// <summary>Entra disables a user with a path and, by default, the boolean as the string "False".</summary>
    public const string EntraDeactivate = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
        """;

    public const string EntraReactivate = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}
        """;

    /// <summary>Okta deactivates with a path-less replace whose value carries "active".</summary>
    public const string OktaDeactivate = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
        """;

    public const string OktaReactivate = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}
        """;

    public static string Group(string displayName, params string[] members) =>
        $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{displayName}}","members":[{{Members(members)}}]}""";

    /// <summary>Entra adds and removes members with a path and a list of values.</summary>
    public static string EntraMembers(string op, params string[] members) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"{{op}}","path":"members","value":[{{Members(members)}}]}]}""";

    /// <summary>Okta removes a member with a filter in the path.</summary>
    public static string OktaRemoveMember(string member) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{member}}\"]"}]}""";

    private static string Members(string[] members) => string.Join(",", members.Select(m => $$"""{"value":"{{m}}"}"""));
}
