using System.Reflection;
using System.Text.RegularExpressions;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// Ids in a URL bind as their own types (FleetKeys's own <see cref="IParsable{TSelf}"/> types: every
/// <see cref="IStringId{TSelf}"/>, <see cref="SlotNumber"/>). One that cannot be valid names nothing that exists: it
/// answers 404 naming it, not the framework's bare 400 for a value that did not bind. Applied once to a route group, it
/// serves every endpoint in it.
/// </summary>
public static partial class RouteIds
{
    private static readonly MethodInfo ParsesMethod = typeof(RouteIds).GetMethod(nameof(Parses), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TBuilder WithRouteIds<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Filter);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var ids = context.MethodInfo.GetParameters().Where(p => IsRouteValue(p.ParameterType))
            .Select(p => (Name: p.Name!, Parses: ParsesMethod.MakeGenericMethod(p.ParameterType).CreateDelegate<Func<string, bool>>(),
                Noun: Noun(p.ParameterType)))
            .ToList();
        if (ids.Count == 0) return next;
        return invocation =>
        {
            var http = invocation.HttpContext;
            // The framework marks a value that did not bind with 400 and still runs the filters, never the handler.
            if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
            {
                foreach (var (name, parses, noun) in ids)
                {
                    if (http.Request.RouteValues.GetValueOrDefault(name) is not string raw || parses(raw)) continue;
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    return ValueTask.FromResult<object?>(
                        Problems.RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"{noun} '{raw}' does not exist")));
                }
            }

            return next(invocation);
        };
    }

    private static bool Parses<T>(string raw) where T : IParsable<T> => T.TryParse(raw, null, out _);

    private static bool IsRouteValue(Type type) =>
        type.Namespace?.StartsWith("FleetKeys.", StringComparison.Ordinal) == true
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GetGenericArguments()[0] == type);

    /// <summary>PersonId → "person", KeyGroup → "key group", SlotNumber → "slot".</summary>
    private static string Noun(Type type) => Words().Replace(Suffix().Replace(type.Name, ""), " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();

    [GeneratedRegex("(Id|Number)$")]
    private static partial Regex Suffix();
}
