using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>Users (RFC 7644 §3.3–§3.6) as Entra and Okta create, find, page, replace, patch and delete them.</summary>
public abstract class ScimUserSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : ScimSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private const string Enterprise = ProviderRequests.Enterprise;

    private async Task<JsonElement> User(string id) => (await Scim.Get($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task A_created_user_reads_back_as_sent_with_its_id_and_meta_and_without_its_password()
    {
        var userName = Unique("ada") + "@example.com";
        var created = await Scim.Post("/scim/v2/Users", ProviderRequests.EntraUser(userName, "ext-ada", employeeNumber: "701984"));
        var okta = await Scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(Unique("grace") + "@example.com"));

        var body = created.Expect(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetString()!;
        var read = await User(id);
        var oktaBody = okta.Expect(HttpStatusCode.Created);

        Assert.Equal(created.Response.Headers.Location!.ToString(), body.GetProperty("meta").GetProperty("location").GetString());
        Assert.EndsWith($"/scim/v2/Users/{id}", body.GetProperty("meta").GetProperty("location").GetString());
        Assert.Equal("User", body.GetProperty("meta").GetProperty("resourceType").GetString());
        Assert.Contains(Enterprise, body.GetProperty("schemas").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(userName, read.GetProperty("userName").GetString());
        Assert.Equal("ext-ada", read.GetProperty("externalId").GetString());
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.Equal("Ada", read.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("work", read.GetProperty("emails")[0].GetProperty("type").GetString());
        Assert.Equal("701984", read.GetProperty(Enterprise).GetProperty("employeeNumber").GetString());
        Assert.Equal(body.GetProperty("meta").GetProperty("created").GetString(), read.GetProperty("meta").GetProperty("created").GetString());
        Assert.False(oktaBody.TryGetProperty("password", out _));
        Assert.True(oktaBody.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_provisioned_persons_export_holds_what_scim_keeps_of_them_and_never_the_password()
    {
        var userName = Unique("grace") + "@example.com";
        var id = (await Scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(userName, employeeNumber: "5512"))).Expect(HttpStatusCode.Created)
            .GetProperty("id").GetString()!;

        HttpResponseMessage export = null!;
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.OK, (export = await Admin.GetAsync($"/api/v1/people/{id}/export")).StatusCode));
        var text = await export.Content.ReadAsStringAsync();
        var scim = JsonDocument.Parse(text).RootElement.GetProperty("elsewhere").GetProperty("scimUser");

        Assert.Equal((id, true, false), (scim.GetProperty("id").GetString(), scim.GetProperty("active").GetBoolean(), scim.GetProperty("deleted").GetBoolean()));
        Assert.Equal(userName, scim.GetProperty("resource").GetProperty("userName").GetString());
        Assert.Equal("5512", scim.GetProperty("resource").GetProperty(Enterprise).GetProperty("employeeNumber").GetString());
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1mz050nq", text);
    }

    [Fact]
    public async Task Filters_find_users_by_userName_externalId_displayName_and_employeeNumber()
    {
        var userName = Unique("finn") + "@example.com";
        var employee = Unique("E");
        var display = Unique("Finn");
        var id = await Scim.CreateUser(ProviderRequests.EntraUser(userName, $"ext-{employee}", employee, display));
        await Scim.CreateUser(ProviderRequests.EntraUser(Unique("other") + "@example.com", $"ext-other-{employee}", Unique("E"), display));

        string[] Ids(JsonElement[] found) => [.. found.Select(u => u.GetProperty("id").GetString()!)];

        Assert.Equal([id], Ids(await Scim.Find("Users", $"userName eq \"{userName.ToUpperInvariant()}\"")));
        Assert.Equal([id], Ids(await Scim.Find("Users", $"externalId eq \"ext-{employee}\"")));
        Assert.Equal([id], Ids(await Scim.Find("Users", $"{Enterprise}:employeeNumber eq \"{employee}\"")));
        Assert.Equal([id], Ids(await Scim.Find("Users", $"employeeNumber eq \"{employee}\"")));
        Assert.Equal(2, (await Scim.Find("Users", $"displayName eq \"{display}\"")).Length);
        Assert.Equal([id], Ids(await Scim.Find("Users", $"displayName eq \"{display}\" and externalId eq \"ext-{employee}\"")));
        Assert.Equal([id], Ids(await Scim.Find("Users", $"(userName EQ \"{userName}\") AND (active eq true)")));
        Assert.Empty(await Scim.Find("Users", $"externalId eq \"EXT-{employee}\""));
        Assert.Empty(await Scim.Find("Users", $"userName eq \"{userName}\" and displayName eq \"someone else\""));
    }

    [Fact]
    public async Task A_list_pages_by_startIndex_and_count()
    {
        var display = Unique("Pager");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await Scim.CreateUser($$"""{"userName":"{{Unique("page")}}","displayName":"{{display}}"}"""));
        var filter = Uri.EscapeDataString($"displayName eq \"{display}\"");

        async Task<JsonElement> Page(string query) => (await Scim.Get($"/scim/v2/Users?filter={filter}&{query}")).Expect(HttpStatusCode.OK);

        var first = await Page("startIndex=1&count=2");
        var second = await Page("startIndex=3&count=2");
        var last = await Page("startIndex=5&count=2");
        var beyond = await Page("startIndex=9&count=2");
        var countOnly = await Page("count=0");
        var belowOne = await Page("startIndex=0&count=1");

        string[] Ids(JsonElement page) => [.. page.GetProperty("Resources").EnumerateArray().Select(u => u.GetProperty("id").GetString()!)];
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", first.GetProperty("schemas")[0].GetString());
        Assert.Equal((5, 1, 2), (first.GetProperty("totalResults").GetInt32(), first.GetProperty("startIndex").GetInt32(), first.GetProperty("itemsPerPage").GetInt32()));
        Assert.Equal(ids.Order(), Ids(first).Concat(Ids(second)).Concat(Ids(last)).Order());
        Assert.Single(Ids(last));
        Assert.Empty(Ids(beyond));
        Assert.Equal(5, countOnly.GetProperty("totalResults").GetInt32());
        Assert.Empty(Ids(countOnly));
        Assert.Equal(1, belowOne.GetProperty("startIndex").GetInt32());
        Assert.Equal(Ids(first)[0], Ids(belowOne).Single());
    }

    [Fact]
    public async Task A_put_replaces_the_user_and_keeps_active_as_it_was_when_left_out()
    {
        var userName = Unique("pat");
        var id = await Scim.CreateUser($$"""{"userName":"{{userName}}","title":"Driver","active":false}""");

        var withoutActive = await Scim.Put($"/scim/v2/Users/{id}", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{id}}","userName":"{{userName}}","displayName":"Pat"}""");
        var activated = await Scim.Put($"/scim/v2/Users/{id}", $$"""{"userName":"{{userName}}","displayName":"Pat","active":"True"}""");
        var stillActive = await Scim.Put($"/scim/v2/Users/{id}", $$"""{"userName":"{{userName}}","displayName":"Pat P."}""");

        Assert.False(withoutActive.Expect(HttpStatusCode.OK).GetProperty("active").GetBoolean());
        Assert.False(withoutActive.Body.TryGetProperty("title", out _));
        Assert.True(activated.Expect(HttpStatusCode.OK).GetProperty("active").GetBoolean());
        Assert.True(stillActive.Expect(HttpStatusCode.OK).GetProperty("active").GetBoolean());
        Assert.Equal("Pat P.", (await User(id)).GetProperty("displayName").GetString());
        (await Scim.Put("/scim/v2/Users/no-such-user", $$"""{"userName":"{{userName}}"}""")).ExpectError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Entra_patches_with_capitalised_ops_string_booleans_filtered_paths_and_a_bare_manager_id()
    {
        var id = await Scim.CreateUser(ProviderRequests.EntraUser(Unique("eve") + "@example.com", Unique("ext")));

        var patched = await Scim.Patch($"/scim/v2/Users/{id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                { "op": "Replace", "path": "active", "value": "False" },
                { "op": "Replace", "path": "name.givenName", "value": "Eve" },
                { "op": "Add", "path": "emails[type eq \"home\"].value", "value": "eve@home.example" },
                { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "eve@work.example" },
                { "op": "Add", "path": "{{Enterprise}}:employeeNumber", "value": "4242" },
                { "op": "Add", "path": "{{Enterprise}}:manager", "value": "boss-id" },
                { "op": "Remove", "path": "title" }
              ]
            }
            """);

        var user = patched.Expect(HttpStatusCode.OK);
        var emails = user.GetProperty("emails").EnumerateArray().ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("value").GetString());
        Assert.False(user.GetProperty("active").GetBoolean());
        Assert.Equal("Eve", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Lovelace", user.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["work"] = "eve@work.example", ["home"] = "eve@home.example" }, emails);
        Assert.Equal("4242", user.GetProperty(Enterprise).GetProperty("employeeNumber").GetString());
        Assert.Equal("Plant", user.GetProperty(Enterprise).GetProperty("department").GetString());
        Assert.Equal("boss-id", user.GetProperty(Enterprise).GetProperty("manager").GetProperty("value").GetString());
        Assert.False(user.TryGetProperty("title", out _));
        Assert.Equal(user.ToString(), (await User(id)).ToString());
    }

    [Fact]
    public async Task A_path_less_replace_takes_active_dotted_and_urn_qualified_names()
    {
        var id = await Scim.CreateUser(ProviderRequests.OktaUser(Unique("okta") + "@example.com"));

        var deactivated = await Scim.Patch($"/scim/v2/Users/{id}", ProviderRequests.OktaDeactivate);
        var patched = await Scim.Patch($"/scim/v2/Users/{id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{
                "op": "replace",
                "value": {
                  "id": "{{id}}",
                  "active": "True",
                  "name.familyName": "Hopper-Murray",
                  "{{Enterprise}}:employeeNumber": "1906",
                  "{{Enterprise}}": { "department": "Navy" },
                  "displayName": "Grace M. Hopper"
                }
              }]
            }
            """);

        Assert.False(deactivated.Expect(HttpStatusCode.OK).GetProperty("active").GetBoolean());
        var user = patched.Expect(HttpStatusCode.OK);
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.Equal(id, user.GetProperty("id").GetString());
        Assert.Equal("Grace", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Hopper-Murray", user.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal("1906", user.GetProperty(Enterprise).GetProperty("employeeNumber").GetString());
        Assert.Equal("Navy", user.GetProperty(Enterprise).GetProperty("department").GetString());
        Assert.Equal("Grace M. Hopper", user.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_deactivated_user_is_still_returned_by_get_and_by_filters()
    {
        var userName = Unique("gone");
        var id = await Scim.CreateUser($$"""{"userName":"{{userName}}","externalId":"{{userName}}"}""");

        (await Scim.Patch($"/scim/v2/Users/{id}", ProviderRequests.EntraDeactivate)).Expect(HttpStatusCode.OK);

        Assert.False((await User(id)).GetProperty("active").GetBoolean());
        Assert.False((await Scim.Find("Users", $"userName eq \"{userName}\"")).Single().GetProperty("active").GetBoolean());
        Assert.Single(await Scim.Find("Users", $"externalId eq \"{userName}\" and active eq false"));
    }

    [Fact]
    public async Task Entra_finds_a_user_by_work_email_and_by_no_other_email()
    {
        var work = Unique("work") + "@Example.com";
        var home = Unique("home") + "@example.com";
        var id = await Scim.CreateUser($$"""
            {"userName":"{{Unique("mail")}}","emails":[{"type":"home","value":"{{home}}","primary":true},{"type":"Work","value":"{{work}}"}]}
            """);
        string WorkEmailIs(string address) => $"emails[type eq \"work\"].value eq \"{address}\"";

        var byWork = await Scim.Find("Users", WorkEmailIs(work.ToLowerInvariant()));
        var byHome = await Scim.Find("Users", WorkEmailIs(home));
        var inParentheses = await Scim.Find("Users", $"({WorkEmailIs(work)}) and active eq true");
        var homeFilter = await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString($"emails[type eq \"home\"].value eq \"{home}\""));
        var unclosed = await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString($"emails[type eq \"work\".value eq \"{work}\""));
        (await Scim.Patch($"/scim/v2/Users/{id}", $$"""
            {"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"moved-{{work}}"}]}
            """)).Expect(HttpStatusCode.OK);

        Assert.Equal(id, byWork.Single().GetProperty("id").GetString());
        Assert.Empty(byHome);
        Assert.Equal(id, inParentheses.Single().GetProperty("id").GetString());
        homeFilter.ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        unclosed.ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        Assert.Empty(await Scim.Find("Users", WorkEmailIs(work)));
        Assert.Equal(id, (await Scim.Find("Users", WorkEmailIs("moved-" + work))).Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_username_stays_unique_through_renames_and_is_free_again_after_a_delete()
    {
        var taken = Unique("taken");
        var first = await Scim.CreateUser($$"""{"userName":"{{taken}}"}""");
        var second = await Scim.CreateUser($$"""{"userName":"{{Unique("free")}}"}""");

        var renameByPut = await Scim.Put($"/scim/v2/Users/{second}", $$"""{"userName":"{{taken.ToUpperInvariant()}}"}""");
        var renameByPatch = await Scim.Patch($"/scim/v2/Users/{second}", $$"""{"Operations":[{"op":"replace","path":"userName","value":"{{taken}}"}]}""");
        var deleted = await Scim.Delete($"/scim/v2/Users/{first}");
        var deletedAgain = await Scim.Delete($"/scim/v2/Users/{first}");
        var afterDelete = await Scim.Get($"/scim/v2/Users/{first}");
        var renamed = await Scim.Patch($"/scim/v2/Users/{second}", $$"""{"Operations":[{"op":"replace","path":"userName","value":"{{taken}}"}]}""");

        renameByPut.ExpectError(HttpStatusCode.Conflict, "uniqueness");
        renameByPatch.ExpectError(HttpStatusCode.Conflict, "uniqueness");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        deletedAgain.ExpectError(HttpStatusCode.NotFound);
        afterDelete.ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(taken, renamed.Expect(HttpStatusCode.OK).GetProperty("userName").GetString());
        Assert.Equal(second, (await Scim.Find("Users", $"userName eq \"{taken}\"")).Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Attributes_and_excludedAttributes_shape_the_answer()
    {
        var id = await Scim.CreateUser(ProviderRequests.EntraUser(Unique("shape") + "@example.com", Unique("ext"), "77"));

        var only = (await Scim.Get($"/scim/v2/Users/{id}?attributes=userName,{Enterprise}:employeeNumber")).Expect(HttpStatusCode.OK);
        var without = (await Scim.Get($"/scim/v2/Users/{id}?excludedAttributes=emails,name")).Expect(HttpStatusCode.OK);

        Assert.Equal(["schemas", "id", "userName", Enterprise, "meta"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["employeeNumber"], only.GetProperty(Enterprise).EnumerateObject().Select(p => p.Name));
        Assert.False(without.TryGetProperty("emails", out _));
        Assert.False(without.TryGetProperty("name", out _));
        Assert.True(without.TryGetProperty("displayName", out _));
    }
}

public sealed class SqliteScimUserSpecs(NodeFixture<SqliteTestDatabase> fixture) : ScimUserSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScimUserSpecs(NodeFixture<PostgresTestDatabase> fixture) : ScimUserSpecs<PostgresTestDatabase>(fixture);
