using System.Text.Json.Nodes;
using FleetKeys.Api.Problems;
using FleetKeys.Scim.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Scim.Discovery;

/// <summary>ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4): what a provider reads to learn what FleetKeys supports.</summary>
public static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapScimDiscovery(this RouteGroupBuilder scim)
    {
        var discovery = scim.MapGroup("").WithTags("SCIM discovery");
        discovery.MapGet("/ServiceProviderConfig", (HttpRequest request) => Ok(Config(new ScimUrls(request).Of("/ServiceProviderConfig"))))
            .Scim("What this service provider supports", StatusCodes.Status200OK);

        discovery.MapGet("/ResourceTypes", (HttpRequest request) =>
        {
            var urls = new ScimUrls(request);
            return Ok(new Paging(1, ScimResourceType.All.Count).ListResponse(ScimResourceType.All.Count,
                ScimResourceType.All.Select(t => t.ToJson(urls.Of($"/ResourceTypes/{t.Name}")))));
        }).Scim("The resource types served", StatusCodes.Status200OK);

        discovery.MapGet("/ResourceTypes/{name}", (string name, HttpRequest request) =>
            ScimResourceType.All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } type
                ? Ok(type.ToJson(new ScimUrls(request).Of($"/ResourceTypes/{type.Name}")))
                : throw ScimException.NotFound($"no resource type '{name}'"))
            .Scim("One resource type", StatusCodes.Status200OK);

        discovery.MapGet("/Schemas", (HttpRequest request) =>
        {
            var urls = new ScimUrls(request);
            return Ok(new Paging(1, ScimSchemas.All.Count).ListResponse(ScimSchemas.All.Count,
                ScimSchemas.All.Select(s => s.ToJson(urls.Of($"/Schemas/{s.Id}")))));
        }).Scim("The schemas served, with their attributes", StatusCodes.Status200OK);

        discovery.MapGet("/Schemas/{id}", (string id, HttpRequest request) =>
            ScimSchemas.Find(id) is { } schema
                ? Ok(schema.ToJson(new ScimUrls(request).Of($"/Schemas/{schema.Id}")))
                : throw ScimException.NotFound($"no schema '{id}'"))
            .Scim("One schema", StatusCodes.Status200OK);
        return scim;
    }

    private static ScimResponse Ok(JsonObject body) => new(StatusCodes.Status200OK, body);

    private static JsonObject Config(string location) => new()
    {
        ["schemas"] = new JsonArray(SchemaUrns.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        // Bulk is not supported, but this is where RFC 7643 says how large a request may be: every SCIM request's limit.
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = BodyLimits.Scim },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = Paging.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A SCIM token configured on the node (FleetKeys:Scim:Tokens), sent as 'Authorization: Bearer <token>'",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = location },
    };
}
