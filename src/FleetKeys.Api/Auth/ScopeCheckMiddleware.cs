using FleetKeys.Api.Problems;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// After the role policies: an API key's grants must reach what the route touches (its <see cref="ScopeRule"/>), each grant
/// being of the route's role or of a permission set holding the route's permission (<see cref="Permissions"/>). A caller
/// holding the role over everything passes at once, as before scopes; any other is checked against the resource, and a
/// route without a rule needs the role or permission over everything. The refusal names the role, the permission and the
/// scope that would be needed.
/// </summary>
public sealed class ScopeCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerAccesses accesses, ResourceScopes resources)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || context.User.Identity is not { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName }
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        var rule = endpoint.Metadata.GetMetadata<ScopeRule>() ?? ScopeRule.Everything;
        var need = Permissions.NeedOf(endpoint);
        var key = accesses.KeyOf(context.User);
        if (rule.Kind == ScopeRuleKind.Caller || accesses.Configured(key).Covers(need, null))
        {
            await next(context);
            return;
        }

        var access = await accesses.Of(key);
        if (access.Covers(need, null))
        {
            await next(context);
            return;
        }

        // A permission set lacking the route's permission reaches it nowhere: refused, rather than answered an empty list or
        // told whether the resource exists; where the route names one that exists, the refusal names its scope.
        var reaches = access.Grants.Any(need.MetBy);
        if (reaches && rule.Kind == ScopeRuleKind.Filtered)
        {
            context.Items[typeof(ReadScope)] = new ReadScope(await resources.Visible(access, need));
            await next(context);
            return;
        }

        if (reaches && rule.Kind == ScopeRuleKind.Person)
        {
            await CheckPerson(context, access, need, rule, resources);
            return;
        }

        var (resource, missing) = rule.Kind is ScopeRuleKind.Everything or ScopeRuleKind.Filtered or ScopeRuleKind.Person
            ? default
            : await resources.Of(rule, context.Request.RouteValues);
        if (missing is not null && reaches)
        {
            await RejectionResults.Problem(missing).ExecuteAsync(context);
            return;
        }

        if (resource is not null && access.Covers(need, resource))
        {
            await next(context);
            return;
        }

        await ScopeRefusal.Problem(need, resource).ExecuteAsync(context);
    }

    /// <summary>
    /// A person is read by a caller whose grants reach any of their entitlements, and changed only by one whose grants reach
    /// all of them; one with none is tied to no scope, so only to everything. The changing caller is kept for the handler,
    /// which checks the entitlements it would give (<see cref="ScopedCaller"/>).
    /// </summary>
    private async Task CheckPerson(HttpContext context, CallerAccess access, AccessNeed need, ScopeRule rule, ResourceScopes resources)
    {
        var (ties, missing) = await resources.OfPerson(context.Request.RouteValues.GetValueOrDefault(rule.RouteValue) as string);
        if (missing is not null)
        {
            await RejectionResults.Problem(missing).ExecuteAsync(context);
            return;
        }

        var reading = HttpMethods.IsGet(context.Request.Method);
        var uncovered = ties!.FirstOrDefault(t => !access.Covers(need, t));
        if (ties!.Count > 0 && (reading ? ties.Any(t => access.Covers(need, t)) : uncovered is null))
        {
            context.Items[typeof(ScopedCaller)] = new ScopedCaller(access, need);
            // What the person holds is listed as far as the caller sees it.
            if (reading) context.Items[typeof(ReadScope)] = new ReadScope(await resources.Visible(access, need));
            await next(context);
            return;
        }

        await ScopeRefusal.Problem(need, ties.Count == 0 ? null : uncovered ?? ties[0]).ExecuteAsync(context);
    }
}
