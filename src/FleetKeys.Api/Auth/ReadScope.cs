using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// What the caller may read, as a handler's parameter: set by <see cref="ScopeCheckMiddleware"/> on a filtered route for a
/// scoped caller; everything for a caller holding the route's role over everything.
/// </summary>
public sealed record ReadScope(Visibility Visible)
{
    public static ValueTask<ReadScope?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ReadScope?>(context.Items[typeof(ReadScope)] as ReadScope ?? new ReadScope(Visibility.Everything));
}
