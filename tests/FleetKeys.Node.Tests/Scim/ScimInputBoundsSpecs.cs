using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>
/// What a provider sends beyond FleetKeys's documented bounds, or that FleetKeys would have to drop silently, is refused
/// with SCIM's error body (400 invalidValue) naming the attribute — on create, replace and patch alike.
/// </summary>
public sealed class ScimInputBoundsSpecs(NodeFixture<SqliteTestDatabase> fixture) : ScimSpecs<SqliteTestDatabase>(fixture)
{
    private const string Enterprise = ProviderRequests.Enterprise;

    private static string UserJson(Action<JsonObject> change)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", Enterprise),
            ["userName"] = Unique("u") + "@example.com",
            ["active"] = true,
        };
        change(user);
        return user.ToJsonString();
    }

    /// <summary>By the attribute each one breaks: too long, a control character or bidirectional override, too many, not an id.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Breaking = new()
    {
        ["userName"] = u => u["userName"] = new string('a', 100_000) + "@example.com",
        ["displayName"] = u => u["displayName"] = "Ada \u202Eexe.doc",
        ["name.givenName"] = u => u["name"] = new JsonObject { ["givenName"] = "Ada\u0000" },
        ["emails"] = u => u["emails"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(i => (JsonNode)new JsonObject { ["value"] = $"a{i}@example.com" })]),
        ["manager"] = u => u[Enterprise] = new JsonObject { ["manager"] = new JsonObject { ["value"] = "../../x" } },
        ["externalId"] = u => u["externalId"] = new string('e', 300),
    };

    public static TheoryData<string> Refused => new(Breaking.Keys);

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_user_beyond_the_bounds_is_refused_naming_the_attribute(string attribute)
    {
        var answer = await Scim.Post("/scim/v2/Users", UserJson(Breaking[attribute]));

        var error = answer.ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains(attribute, error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_patch_that_would_break_a_bound_is_refused_and_the_user_stays_as_it_was()
    {
        var id = await Scim.CreateUser(UserJson(u => u["displayName"] = "Ada"));

        var answer = await Scim.Patch($"/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"../../x"}]}
            """);
        var user = (await Scim.Get($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.OK);

        Assert.Contains("manager", answer.ExpectError(HttpStatusCode.BadRequest, "invalidValue").GetProperty("detail").GetString());
        Assert.False(user.TryGetProperty(Enterprise, out var enterprise) && enterprise.TryGetProperty("manager", out _));
    }
}
