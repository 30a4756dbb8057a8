using System.Text.Json.Nodes;
using FleetKeys.Scim.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Scim.Groups;

public static class GroupEndpoints
{
    public static RouteGroupBuilder MapScimGroups(this RouteGroupBuilder scim)
    {
        var groups = scim.MapGroup("/Groups").WithTags("SCIM groups");

        groups.MapPost("/", async (HttpRequest request, ScimGroups service) =>
        {
            var group = await service.Create(await ScimRequest.ReadObject(request), request.HttpContext.RequestAborted);
            var urls = new ScimUrls(request);
            return new ScimResponse(StatusCodes.Status201Created, Json(group, urls), urls.Group(group.Row.Id));
        }).Scim("Create a group", StatusCodes.Status201Created, body: true);

        groups.MapGet("/", async (HttpRequest request, ScimGroups service) =>
        {
            var filter = ScimRequest.Filter(request);
            var (paging, projection, urls) = (Paging.From(request), Projection.From(request), new ScimUrls(request));
            var (total, page) = await service.List(filter, paging, projection.Includes("members"), request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status200OK, paging.ListResponse(total, page.Select(g => projection.Apply(Json(g, urls)))));
        }).ScimList("List or find groups");

        // Entra asks for groups without their members (excludedAttributes=members): they are then not even read.
        groups.MapGet("/{id}", async (string id, HttpRequest request, ScimGroups service) =>
        {
            var projection = Projection.From(request);
            var group = await service.Get(id, projection.Includes("members"), request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status200OK, projection.Apply(Json(group, new ScimUrls(request))));
        }).Scim("Read a group", StatusCodes.Status200OK);

        groups.MapPut("/{id}", async (string id, HttpRequest request, ScimGroups service) =>
        {
            var group = await service.Replace(id, await ScimRequest.ReadObject(request), request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status200OK, Projection.From(request).Apply(Json(group, new ScimUrls(request))));
        }).Scim("Replace a group and its members", StatusCodes.Status200OK, body: true);

        // A group's answer to PATCH is 204 (RFC 7644 §3.5.2 allows it): Okta and Entra expect no body, and a large group's would be large.
        groups.MapPatch("/{id}", async (string id, HttpRequest request, ScimGroups service) =>
        {
            await service.Patch(id, PatchOperation.ParseAll(await ScimRequest.ReadObject(request)), request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status204NoContent, null);
        }).Scim("Change a group (members added or removed)", StatusCodes.Status204NoContent, body: true);

        groups.MapDelete("/{id}", async (string id, HttpRequest request, ScimGroups service) =>
        {
            await service.Delete(id, request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status204NoContent, null);
        }).Scim("Delete a group", StatusCodes.Status204NoContent);
        return scim;
    }

    private static JsonObject Json(ScimGroup group, ScimUrls urls) =>
        GroupResource.ToJson(group.Row, group.Members, urls.Group(group.Row.Id), urls.User);
}
