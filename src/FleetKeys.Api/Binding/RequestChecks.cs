using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Binding;

/// <summary>Something bound from the request that can say, before the handler runs, why the request is bad.</summary>
public interface IRequestCheck
{
    IResult? Problem();
}

/// <summary>
/// One filter for a route group: the first bound argument that is bad (<see cref="IRequestCheck"/>, e.g. a
/// <see cref="Body{T}"/>) answers for the request, so handlers start with what they need and nothing to check.
/// </summary>
public static class RequestChecks
{
    public static TBuilder WithRequestChecks<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((invocation, next) =>
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument is IRequestCheck check && check.Problem() is { } problem) return ValueTask.FromResult<object?>(problem);
            }

            return next(invocation);
        });
}
