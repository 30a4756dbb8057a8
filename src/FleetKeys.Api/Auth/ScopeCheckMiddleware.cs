using FleetKeys.Api.Problems;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// After the role policies: an API key's grants must reach what the route touches (its <see cref="ScopeRule"/>), each grant
/// being of the route's role or of a permission set holding the route's permission (<see cref="Permissions"/>). A caller
/// holding the role over everything passes at once, as before scopes; any other is checked against the resource
/// (<see cref="ScopeVerdict"/>), and a route without a rule needs the role or permission over everything. The refusal names
/// the role, the permission and the scope that would be needed.
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
        var verdict = await ScopeVerdict.Of(access, need, rule, context.Request.RouteValues, HttpMethods.IsGet(context.Request.Method), resources);
        if (verdict.Missing is { } missing)
        {
            await RejectionResults.Problem(missing).ExecuteAsync(context);
            return;
        }

        switch (verdict.Kind)
        {
            case ScopeVerdictKind.Refused:
                await ScopeRefusal.Problem(need, verdict.Resource).ExecuteAsync(context);
                return;
            case ScopeVerdictKind.Filtered:
                context.Items[typeof(ReadScope)] = new ReadScope(await resources.Visible(access, need));
                break;
            case ScopeVerdictKind.Person:
                // The changing caller is kept for the handler, which checks the entitlements it would give (ScopedCaller);
                // what the person holds is listed as far as the caller sees it.
                context.Items[typeof(ScopedCaller)] = new ScopedCaller(access, need);
                if (HttpMethods.IsGet(context.Request.Method)) context.Items[typeof(ReadScope)] = new ReadScope(await resources.Visible(access, need));
                break;
        }

        await next(context);
    }
}
