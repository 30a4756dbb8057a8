using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>Groups and their members as Entra and Okta push them; on a node of their own, as paging counts every group.</summary>
public abstract class ScimGroupSpecs<TDatabase>(OwnNodeFixture<TDatabase> fixture) : ScimSpecs(fixture.Node), IClassFixture<OwnNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private async Task<string[]> Members(string group) =>
        [.. (await Scim.Get($"/scim/v2/Groups/{group}")).Expect(HttpStatusCode.OK).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("value").GetString()!).Order()];

    private async Task<string[]> Users(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await Scim.CreateUser($$"""{"userName":"{{Unique("member")}}"}"""));
        return [.. ids];
    }

    [Fact]
    public async Task A_created_group_reads_back_with_its_members_or_without_them_when_excluded()
    {
        var users = await Users(2);
        var name = Unique("Drivers");

        var created = await Scim.Post("/scim/v2/Groups", ProviderRequests.Group(name, users));
        var id = created.Expect(HttpStatusCode.Created).GetProperty("id").GetString()!;
        var slim = (await Scim.Get($"/scim/v2/Groups/{id}?excludedAttributes=members")).Expect(HttpStatusCode.OK);
        var byName = await Scim.Find("Groups", $"displayName eq \"{name.ToUpperInvariant()}\"");
        var byNameSlim = (await Scim.Get($"/scim/v2/Groups?excludedAttributes=members&filter={Uri.EscapeDataString($"displayName eq \"{name}\"")}"))
            .Expect(HttpStatusCode.OK).GetProperty("Resources").EnumerateArray().Single();

        var body = created.Body;
        Assert.Equal(created.Response.Headers.Location!.ToString(), body.GetProperty("meta").GetProperty("location").GetString());
        Assert.Equal("Group", body.GetProperty("meta").GetProperty("resourceType").GetString());
        Assert.Equal(users.Order(), body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("value").GetString()).Order());
        Assert.EndsWith($"/scim/v2/Users/{users[0]}", body.GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("value").GetString() == users[0]).GetProperty("$ref").GetString());
        Assert.Equal(name, slim.GetProperty("displayName").GetString());
        Assert.False(slim.TryGetProperty("members", out _));
        Assert.Equal(id, byName.Single().GetProperty("id").GetString());
        Assert.False(byNameSlim.TryGetProperty("members", out _));
    }

    [Fact]
    public async Task Membership_can_be_asked_the_way_entra_asks_it()
    {
        var users = await Users(2);
        var group = await Scim.CreateGroup(ProviderRequests.Group(Unique("Ask"), users[0]));

        Assert.Single(await Scim.Find("Groups", $"id eq \"{group}\" and members eq \"{users[0]}\""));
        Assert.Empty(await Scim.Find("Groups", $"id eq \"{group}\" and members eq \"{users[1]}\""));
        Assert.Single(await Scim.Find("Groups", $"members.value eq \"{users[0]}\" and id eq \"{group}\""));
    }

    [Fact]
    public async Task Members_are_added_and_removed_by_value_lists_and_by_filter_paths()
    {
        var users = await Users(3);
        var group = await Scim.CreateGroup(ProviderRequests.Group(Unique("Crew")));

        var added = await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Add", users[0], users[1], users[2]));
        var addedAgain = await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Add", users[0]));
        var afterAdd = await Members(group);
        var removedByValue = await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Remove", users[0]));
        var afterValueRemove = await Members(group);
        var removedByFilter = await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.OktaRemoveMember(users[1]));
        var removedAgain = await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.OktaRemoveMember(users[1]));

        Assert.Equal(HttpStatusCode.NoContent, added.Status);
        Assert.Equal(HttpStatusCode.NoContent, addedAgain.Status);
        Assert.Equal(users.Order(), afterAdd);
        Assert.Equal(HttpStatusCode.NoContent, removedByValue.Status);
        Assert.Equal(new[] { users[1], users[2] }.Order(), afterValueRemove);
        Assert.Equal(HttpStatusCode.NoContent, removedByFilter.Status);
        Assert.Equal(HttpStatusCode.NoContent, removedAgain.Status);
        Assert.Equal([users[2]], await Members(group));
    }

    [Fact]
    public async Task Okta_renames_with_a_path_less_replace_that_carries_the_id_and_a_put_replaces_the_members()
    {
        var users = await Users(2);
        var group = await Scim.CreateGroup(ProviderRequests.Group(Unique("Old"), users[0]));
        var renamed = Unique("New");

        var rename = await Scim.Patch($"/scim/v2/Groups/{group}",
            $$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"{{{group}}}","displayName":"{{{renamed}}}"}}]}""");
        var put = await Scim.Put($"/scim/v2/Groups/{group}", ProviderRequests.Group(renamed, users[1]));
        var entraRename = await Scim.Patch($"/scim/v2/Groups/{group}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"{{renamed}}-2"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, rename.Status);
        Assert.Equal(renamed, put.Expect(HttpStatusCode.OK).GetProperty("displayName").GetString());
        Assert.Equal([users[1]], await Members(group));
        Assert.Equal(HttpStatusCode.NoContent, entraRename.Status);
        Assert.Equal($"{renamed}-2", (await Scim.Get($"/scim/v2/Groups/{group}")).Body.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Group_names_are_unique_members_must_be_users_and_a_deleted_group_is_gone()
    {
        var name = Unique("Only");
        var group = await Scim.CreateGroup(ProviderRequests.Group(name));

        (await Scim.Post("/scim/v2/Groups", ProviderRequests.Group(name.ToLowerInvariant()))).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Add", "no-such-user"))).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await Scim.Post("/scim/v2/Groups", """{"members":[]}""")).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Equal(HttpStatusCode.NoContent, (await Scim.Delete($"/scim/v2/Groups/{group}")).Status);
        (await Scim.Get($"/scim/v2/Groups/{group}")).ExpectError(HttpStatusCode.NotFound);
        (await Scim.Delete($"/scim/v2/Groups/{group}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty(await Scim.Find("Groups", $"displayName eq \"{name}\""));
    }

    [Fact]
    public async Task A_deleted_user_leaves_its_groups()
    {
        var users = await Users(2);
        var group = await Scim.CreateGroup(ProviderRequests.Group(Unique("Leavers"), users));

        await Scim.Delete($"/scim/v2/Users/{users[0]}");

        Assert.Equal([users[1]], await Members(group));
    }

    [Fact]
    public async Task Groups_page_like_users()
    {
        for (var i = 0; i < 3; i++) await Scim.CreateGroup(ProviderRequests.Group(Unique("Paged")));

        var okta = (await Scim.Get("/scim/v2/Groups?startIndex=1&count=100")).Expect(HttpStatusCode.OK);
        var two = (await Scim.Get("/scim/v2/Groups?startIndex=2&count=2")).Expect(HttpStatusCode.OK);

        var total = okta.GetProperty("totalResults").GetInt32();
        Assert.True(total >= 3);
        Assert.Equal(Math.Min(total, 100), okta.GetProperty("Resources").GetArrayLength());
        Assert.Equal(total, two.GetProperty("totalResults").GetInt32());
        Assert.Equal(okta.GetProperty("Resources")[1].GetProperty("id").GetString(), two.GetProperty("Resources")[0].GetProperty("id").GetString());
    }
}

public sealed class SqliteScimGroupSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : ScimGroupSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScimGroupSpecs(OwnNodeFixture<PostgresTestDatabase> fixture) : ScimGroupSpecs<PostgresTestDatabase>(fixture);
