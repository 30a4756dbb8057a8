using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace FleetKeys.Scim.Protocol;

/// <summary>
/// What the SCIM document says of an endpoint. SCIM handlers read their body and query themselves (providers send any
/// content type, and filters are SCIM's own language), so what they accept and answer is declared here.
/// </summary>
public static class ScimOpenApi
{
    /// <param name="answers">The status of a success; its body is a SCIM resource or list (none for 204).</param>
    /// <param name="body">Whether the request carries a SCIM resource (or PATCH operations).</param>
    public static RouteHandlerBuilder Scim(this RouteHandlerBuilder endpoint, string summary, int answers, bool body = false)
    {
        endpoint.WithSummary(summary)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces<JsonObject>(StatusCodes.Status400BadRequest, ScimResponse.MediaType);
        if (body) endpoint.Accepts<JsonObject>(ScimResponse.MediaType, "application/json");
        return answers == StatusCodes.Status204NoContent
            ? endpoint.Produces(answers)
            : endpoint.Produces<JsonObject>(answers, ScimResponse.MediaType, "application/json");
    }

    /// <summary>A list: SCIM's filter, paging and attribute selection (RFC 7644 §3.4.2) as query parameters.</summary>
    public static RouteHandlerBuilder ScimList(this RouteHandlerBuilder endpoint, string summary) =>
        endpoint.Scim(summary, StatusCodes.Status200OK).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, type, description) in ListParameters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type },
                });
            return Task.CompletedTask;
        });

    private static readonly (string Name, JsonSchemaType Type, string Description)[] ListParameters =
    [
        ("filter", JsonSchemaType.String, "a SCIM filter, e.g. userName eq \"pat@example.com\""),
        ("startIndex", JsonSchemaType.Integer, "1-based index of the first result"),
        ("count", JsonSchemaType.Integer, $"results per page, at most {Paging.MaxCount}"),
        ("attributes", JsonSchemaType.String, "comma-separated attributes to return"),
        ("excludedAttributes", JsonSchemaType.String, "comma-separated attributes to leave out"),
    ];
}
