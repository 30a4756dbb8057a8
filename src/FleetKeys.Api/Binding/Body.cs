using System.Reflection;
using System.Text.Json;
using FleetKeys.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetKeys.Api.Binding;

/// <summary>
/// A JSON request body that never fails binding: a malformed body becomes a validation problem naming the JSON path
/// that broke (e.g. "slotCount"), instead of the framework's bare 400.
/// </summary>
public sealed class Body<T> where T : class
{
    private Body(T? value, Validator errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public Validator Errors { get; }

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

    /// <summary>"$.slots[2].from" → "slots[2].from"; "$" (the document itself) → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
