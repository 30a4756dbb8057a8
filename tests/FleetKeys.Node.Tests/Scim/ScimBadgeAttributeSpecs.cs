using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>FleetKeys:Scim:BadgeAttribute names where badge numbers come from; here a custom extension's attribute.</summary>
public abstract class ScimBadgeAttributeSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Extension = "urn:example:params:scim:schemas:extension:fleetkeys:2.0:User";

    private readonly TDatabase _database = new();
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await NodeApp.StartAsync(_database.Settings, null, "--FleetKeys:Scim:BadgeAttribute", $"{Extension}:badgeNumber");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_badge_comes_from_the_configured_attribute_follows_its_changes_and_never_brings_a_pin()
    {
        var scim = ScimClient.For(_node);
        var id = await scim.CreateUser($$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{ProviderRequests.Enterprise}}", "{{Extension}}"],
              "userName": "badge.holder@example.com",
              "password": "4711",
              "{{ProviderRequests.Enterprise}}": { "employeeNumber": "E-1" },
              "{{Extension}}": { "badgeNumber": "04A1B2C3" }
            }
            """);
        var created = await _node.Client().GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");

        (await scim.Patch($"/scim/v2/Users/{id}", $$"""{"Operations":[{"op":"add","path":"{{Extension}}:badgeNumber","value":"04A1B2C4"}]}"""))
            .Expect(HttpStatusCode.OK);
        var patched = await _node.Client().GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");
        var successor = await scim.Post("/scim/v2/Users",
            $$$"""{"userName":"successor@example.com","{{{Extension}}}":{"badgeNumber":"04A1B2C3"}}""");

        Assert.Equal(["04A1B2C3"], created.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
        Assert.False(created.GetProperty("hasPin").GetBoolean());
        Assert.Equal(["04A1B2C4"], patched.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
        successor.Expect(HttpStatusCode.Created);
        Assert.Equal(id, (await scim.Find("Users", "employeeNumber eq \"e-1\"")).Single().GetProperty("id").GetString());
        Assert.Equal("04A1B2C4", (await scim.Get($"/scim/v2/Users/{id}")).Body.GetProperty(Extension).GetProperty("badgeNumber").GetString());
    }
}

public sealed class SqliteScimBadgeAttributeSpecs : ScimBadgeAttributeSpecs<SqliteTestDatabase>;

public sealed class PostgresScimBadgeAttributeSpecs : ScimBadgeAttributeSpecs<PostgresTestDatabase>;
