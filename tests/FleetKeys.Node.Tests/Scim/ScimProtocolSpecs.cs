using System.Net;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>RFC 7644's protocol: discovery (§4), authentication (§2), media types (§3.1, §8.1) and error bodies (§3.12).</summary>
public abstract class ScimProtocolSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : ScimSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task The_discovery_documents_say_what_is_supported()
    {
        var config = await Scim.Get("/scim/v2/ServiceProviderConfig");
        var types = (await Scim.Get("/scim/v2/ResourceTypes")).Expect(HttpStatusCode.OK);
        var user = (await Scim.Get("/scim/v2/ResourceTypes/User")).Expect(HttpStatusCode.OK);
        var schemas = (await Scim.Get("/scim/v2/Schemas")).Expect(HttpStatusCode.OK);
        var enterprise = (await Scim.Get($"/scim/v2/Schemas/{ProviderRequests.Enterprise}")).Expect(HttpStatusCode.OK);

        var body = config.Expect(HttpStatusCode.OK);
        Assert.StartsWith("application/scim+json", config.Response.Content.Headers.ContentType!.ToString());
        Assert.True(body.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.True(body.GetProperty("filter").GetProperty("supported").GetBoolean());
        Assert.False(body.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal("oauthbearertoken", body.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());
        Assert.Equal(2, types.GetProperty("totalResults").GetInt32());
        Assert.Equal(ProviderRequests.Enterprise, user.GetProperty("schemaExtensions")[0].GetProperty("schema").GetString());
        Assert.Equal("/Users", user.GetProperty("endpoint").GetString());
        Assert.Equal(
            ["urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:core:2.0:User", ProviderRequests.Enterprise],
            schemas.GetProperty("Resources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order());
        Assert.Contains(enterprise.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "employeeNumber");
    }

    [Fact]
    public async Task Only_the_scim_token_opens_scim_and_it_opens_nothing_else()
    {
        var none = await ScimClient.For(Node, token: null).Get("/scim/v2/Users");
        var wrong = await ScimClient.For(Node, "not-the-token").Get("/scim/v2/Users");
        var apiKey = await ScimClient.For(Node, NodeApp.AdminKey).Get("/scim/v2/Users");
        var scimTokenOnTheApi = await Node.Client(NodeApp.ScimToken).GetAsync("/api/v1/entitlement-groups");
        var granted = await Scim.Get("/scim/v2/Users");

        none.ExpectError(HttpStatusCode.Unauthorized);
        wrong.ExpectError(HttpStatusCode.Unauthorized);
        apiKey.ExpectError(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", none.Response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, scimTokenOnTheApi.StatusCode);
        granted.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Plain_json_is_accepted_and_given_to_clients_that_ask_only_for_it()
    {
        var created = await Scim.Post("/scim/v2/Users", $$"""{"userName":"{{Unique("json")}}"}""", contentType: "application/json");
        var id = created.Expect(HttpStatusCode.Created).GetProperty("id").GetString();

        var plain = await Scim.Get($"/scim/v2/Users/{id}", accept: "application/json");
        var scim = await Scim.Get($"/scim/v2/Users/{id}", accept: "application/scim+json, application/json");

        Assert.StartsWith("application/json", plain.Response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("application/scim+json", scim.Response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Every_failure_is_a_scim_error()
    {
        var userName = Unique("err");
        await Scim.CreateUser($$"""{"userName":"{{userName}}"}""");

        (await Scim.Get("/scim/v2/Users/no-such-user")).ExpectError(HttpStatusCode.NotFound);
        (await Scim.Get("/scim/v2/Groups/no-such-group")).ExpectError(HttpStatusCode.NotFound);
        (await Scim.Get("/scim/v2/Bulk")).ExpectError(HttpStatusCode.NotFound);
        (await Scim.Post("/scim/v2/Users", """{"userName": "x",""")).ExpectError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await Scim.Post("/scim/v2/Users", """["not an object"]""")).ExpectError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await Scim.Post("/scim/v2/Users", """{"displayName":"no userName"}""")).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await Scim.Post("/scim/v2/Users", $$"""{"userName":"{{Unique("x")}}","active":"maybe"}""")).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await Scim.Post("/scim/v2/Users", $$"""{"userName":"{{userName.ToUpperInvariant()}}"}""")).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName co \"a\""))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        (await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"a\" or userName eq \"b\""))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        (await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq a"))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        (await Scim.Get("/scim/v2/Users?filter=" + Uri.EscapeDataString("title eq \"a\""))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        (await Scim.Get("/scim/v2/Users?startIndex=first")).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task A_malformed_patch_is_refused_with_the_fitting_scim_type()
    {
        var id = await Scim.CreateUser($$"""{"userName":"{{Unique("patch")}}"}""");

        (await Scim.Patch($"/scim/v2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await Scim.Patch($"/scim/v2/Users/{id}", """{"Operations":[{"op":"move","path":"title","value":"x"}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await Scim.Patch($"/scim/v2/Users/{id}", """{"Operations":[{"op":"remove"}]}""")).ExpectError(HttpStatusCode.BadRequest, "noTarget");
        (await Scim.Patch($"/scim/v2/Users/{id}", """{"Operations":[{"op":"replace","value":"no object"}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await Scim.Patch($"/scim/v2/Users/{id}", """{"Operations":[{"op":"replace","path":"name..givenName","value":"x"}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidPath");
        (await Scim.Patch($"/scim/v2/Users/{id}", """{"Operations":[{"op":"replace","path":"active","value":"yes"}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await Scim.Patch("/scim/v2/Users/no-such-user", ProviderRequests.OktaDeactivate)).ExpectError(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteScimProtocolSpecs(NodeFixture<SqliteTestDatabase> fixture) : ScimProtocolSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScimProtocolSpecs(NodeFixture<PostgresTestDatabase> fixture) : ScimProtocolSpecs<PostgresTestDatabase>(fixture);
