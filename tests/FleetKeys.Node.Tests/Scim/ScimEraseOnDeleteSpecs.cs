using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>FleetKeys:Scim:EraseOnDelete (off by default): a provider's delete then erases the person, not only terminates them.</summary>
public abstract class ScimEraseOnDeleteSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await NodeApp.StartAsync(_database.Settings, null, "--FleetKeys:Scim:EraseOnDelete", "true");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_deleted_user_is_erased_and_forgotten_by_scim()
    {
        var scim = ScimClient.For(_node);
        var id = await scim.CreateUser(ProviderRequests.EntraUser("eve.erasable@example.com", "ext-eve", displayName: "Eve Erasable"));

        (await scim.Delete($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.NoContent);
        var person = await _node.Client().GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");
        var export = await _node.Client().GetStringAsync($"/api/v1/people/{id}/export");

        Assert.Equal($"erased person #{id}", person.GetProperty("name").GetString());
        Assert.DoesNotContain("Eve Erasable", export);
        Assert.DoesNotContain("eve.erasable@example.com", export);
        (await scim.Get($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteScimEraseOnDeleteSpecs : ScimEraseOnDeleteSpecs<SqliteTestDatabase>;

public sealed class PostgresScimEraseOnDeleteSpecs : ScimEraseOnDeleteSpecs<PostgresTestDatabase>;
