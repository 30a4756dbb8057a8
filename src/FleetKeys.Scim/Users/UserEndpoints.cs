using FleetKeys.Scim.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Scim.Users;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapScimUsers(this RouteGroupBuilder scim)
    {
        var users = scim.MapGroup("/Users").WithTags("SCIM users");

        users.MapPost("/", async (HttpRequest request, ScimUsers service) =>
        {
            var row = await service.Create(await ScimRequest.ReadObject(request), request.HttpContext.RequestAborted);
            var urls = new ScimUrls(request);
            return new ScimResponse(StatusCodes.Status201Created, UserResource.ToJson(row, urls.User(row.Id)), urls.User(row.Id));
        }).Scim("Create a user (and its person)", StatusCodes.Status201Created, body: true);

        users.MapGet("/", async (HttpRequest request, ScimUsers service) =>
        {
            var filter = ScimRequest.Filter(request);
            var (paging, projection, urls) = (Paging.From(request), Projection.From(request), new ScimUrls(request));
            var (total, page) = await service.List(filter, paging, request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status200OK,
                paging.ListResponse(total, page.Select(u => projection.Apply(UserResource.ToJson(u, urls.User(u.Id))))));
        }).ScimList("List or find users");

        users.MapGet("/{id}", async (string id, HttpRequest request, ScimUsers service) =>
            Answer(request, await service.Get(id, request.HttpContext.RequestAborted)))
            .Scim("Read a user", StatusCodes.Status200OK);

        users.MapPut("/{id}", async (string id, HttpRequest request, ScimUsers service) =>
            Answer(request, await service.Replace(id, await ScimRequest.ReadObject(request), request.HttpContext.RequestAborted)))
            .Scim("Replace a user", StatusCodes.Status200OK, body: true);

        users.MapPatch("/{id}", async (string id, HttpRequest request, ScimUsers service) =>
            Answer(request, await service.Patch(id, PatchOperation.ParseAll(await ScimRequest.ReadObject(request)), request.HttpContext.RequestAborted)))
            .Scim("Change a user (active: false revokes the person)", StatusCodes.Status200OK, body: true);

        users.MapDelete("/{id}", async (string id, HttpRequest request, ScimUsers service) =>
        {
            await service.Delete(id, request.HttpContext.RequestAborted);
            return new ScimResponse(StatusCodes.Status204NoContent, null);
        }).Scim("Delete a user (the person is terminated)", StatusCodes.Status204NoContent);
        return scim;
    }

    private static ScimResponse Answer(HttpRequest request, Store.ScimUserRow row) =>
        new(StatusCodes.Status200OK, Projection.From(request).Apply(UserResource.ToJson(row, new ScimUrls(request).User(row.Id))));
}
