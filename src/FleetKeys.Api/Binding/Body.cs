using System.Reflection;
using System.Text.Json;
using FleetKeys.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetKeys.Api.Binding;

/// <summary>
/// A JSON request body that never fails binding: a malformed body becomes a validation problem naming the JSON path
/// that broke (e.g. "slotCount"), instead of the framework's bare 400; a body that reads but breaks its own rules
/// (<see cref="IValidatable"/>) becomes one naming each field. <see cref="RequestChecks"/> answers either before the
/// handler runs, so a handler sees only a <see cref="Value"/> that passed. It describes itself to OpenAPI as a JSON body.
/// </summary>
public sealed class Body<T> : IRequestCheck, IEndpointParameterMetadataProvider where T : class
{
    private readonly T? _value;
    private readonly Validator _errors;

    private Body(T? value, Validator errors)
    {
        _value = value;
        _errors = errors;
    }

    public T Value => _value ?? throw new InvalidOperationException($"no {typeof(T).Name} passed the request checks; is the endpoint in a group WithRequestChecks()?");

    public IResult? Problem()
    {
        if (_value is null) return _errors.Problem();
        if (_value is not IValidatable validatable) return null;
        var check = new Validator();
        validatable.Validate(check);
        return check.IsValid ? null : check.Problem();
    }

    public static async ValueTask<Body<T>> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var errors = new Validator();
        if (!context.Request.HasJsonContentType())
            return new Body<T>(null, errors.Fail("body", "must be JSON with Content-Type: application/json"));
        try
        {
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null ? new Body<T>(null, errors.Fail("body", "is required")) : new Body<T>(value, errors);
        }
        catch (JsonException e)
        {
            // The framework's message names .NET types; say only what the sender can act on.
            var wrongType = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            return new Body<T>(null, errors.Fail(FieldOf(e.Path), wrongType ? "has the wrong type or format" : "is not well-formed JSON"));
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, Microsoft.AspNetCore.Builder.EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
    }

    /// <summary>"$.slots[2].from" → "slots[2].from"; "$" (the document itself) → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
