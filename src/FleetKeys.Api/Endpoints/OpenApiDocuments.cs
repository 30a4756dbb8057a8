using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// Two OpenAPI documents, each with what a client needs to call it: the management API (/openapi/v1.json, bearer API
/// keys) and SCIM 2.0 for identity providers (/openapi/scim.json, bearer SCIM tokens; endpoints in group "scim").
/// </summary>
public static class OpenApiDocuments
{
    public const string Api = "v1";
    public const string Scim = "scim";
    public const string ApiKeyScheme = "apiKey";
    public const string ScimTokenScheme = "scimToken";

    public static IServiceCollection AddFleetKeysOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(Api, o => Describe(o, "FleetKeys management API", ApiKeyScheme, """
            Custody of physical keys in electronic key cabinets: sites, controllers, cabinets, keys, people, custody, alarms,
            reports, the audit log, notifications and live events. Every request carries an API key as a bearer token
            (`Authorization: Bearer <key>`); its role — auditor (read), operator (also commands) or admin (also
            configuration) — decides what it may do. Errors are RFC 9457 problem details.
            """, "An API key (a fresh node writes one to data/admin.key; more with `FleetKeys.Node new-api-key`)."));
        services.AddOpenApi(Scim, o => Describe(o, "FleetKeys SCIM 2.0", ScimTokenScheme, """
            SCIM 2.0 (RFC 7643, RFC 7644) for identity providers: users become people, `active: false` revokes them,
            groups grant what an administrator mapped to them (`/api/v1/entitlement-groups`). Bodies are
            `application/scim+json`; errors are SCIM error messages. Requests carry a SCIM token, never an API key.
            """, "A SCIM token configured on the node (FleetKeys:Scim:Tokens, by its SHA-256)."));
        return services;
    }

    private static OpenApiParameter Argument(string name, ParameterLocation location) =>
        new() { Name = name, In = location, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static void Describe(OpenApiOptions options, string title, string scheme, string description, string schemeDescription)
    {
        // Each endpoint belongs to one document: SCIM's by its group name, the management API's without one.
        options.ShouldInclude = endpoint => (endpoint.GroupName ?? Api) == options.DocumentName;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Description = description;
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [scheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = schemeDescription },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
            return Task.CompletedTask;
        });
        // An endpoint open to anyone (the access-control webhook checks its own signature) says so.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) operation.Security = [];
            return Task.CompletedTask;
        });
        // Query records bind themselves (Query<T>), so the framework does not see their arguments; they name them.
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var names in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryArgumentNames>())
            {
                operation.Parameters ??= [];
                foreach (var name in names.Query) operation.Parameters.Add(Argument(name, ParameterLocation.Query));
                foreach (var name in names.Headers) operation.Parameters.Add(Argument(name, ParameterLocation.Header));
            }

            return Task.CompletedTask;
        });
    }
}
