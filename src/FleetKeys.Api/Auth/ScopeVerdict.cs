using FleetKeys.Domain;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Auth;

public enum ScopeVerdictKind
{
    /// <summary>The caller holds the route's role or permission over everything.</summary>
    Everything,

    /// <summary>A list: answered with only what the caller's grants reach.</summary>
    Filtered,

    /// <summary>A person the caller's grants reach as the route asks: any entitlement to read, all of them to change.</summary>
    Person,

    /// <summary>The resource the route names is within a grant holding the route's role or permission.</summary>
    InScope,

    /// <summary>The resource does not exist (told only to a caller holding the permission somewhere).</summary>
    NotFound,

    /// <summary>Not within the caller's grants.</summary>
    Refused,
}

/// <summary>
/// The scope check's decision for one request, the same for the API's routes and the console's actions that stand for
/// them: what the caller's grants of the route's role or permission reach, against the resource the route names.
/// </summary>
public sealed record ScopeVerdict(ScopeVerdictKind Kind, Rejection? Missing = null, ResourceScope? Resource = null)
{
    /// <summary>
    /// A permission set lacking the route's permission reaches it nowhere: refused, rather than answered an empty list or
    /// told whether the resource exists; where the route names one that exists, the refusal names its scope. A person is
    /// read by a caller whose grants reach any of their entitlements and changed only by one whose grants reach all of
    /// them; one with none is tied to no scope, so only to everything.
    /// </summary>
    public static async Task<ScopeVerdict> Of(
        CallerAccess access, AccessNeed need, ScopeRule rule, RouteValueDictionary values, bool reading, ResourceScopes resources)
    {
        if (access.Covers(need, null)) return new ScopeVerdict(ScopeVerdictKind.Everything);
        var reaches = access.Grants.Any(need.MetBy);
        if (reaches && rule.Kind == ScopeRuleKind.Filtered) return new ScopeVerdict(ScopeVerdictKind.Filtered);
        if (reaches && rule.Kind == ScopeRuleKind.Person)
        {
            var person = values.GetValueOrDefault(rule.RouteValue) as string;
            if (await resources.OfPerson(person) is not { } ties)
                return new ScopeVerdict(ScopeVerdictKind.NotFound, ResourceScopes.DoesNotExist("person", person));
            var uncovered = ties.FirstOrDefault(t => !access.Covers(need, t));
            return ties.Count > 0 && (reading ? ties.Any(t => access.Covers(need, t)) : uncovered is null)
                ? new ScopeVerdict(ScopeVerdictKind.Person)
                : new ScopeVerdict(ScopeVerdictKind.Refused, Resource: uncovered ?? ties.FirstOrDefault());
        }

        var (resource, missing) = rule.Kind is ScopeRuleKind.Everything or ScopeRuleKind.Filtered or ScopeRuleKind.Person
            ? default
            : await resources.Of(rule, values);
        if (missing is not null && reaches) return new ScopeVerdict(ScopeVerdictKind.NotFound, missing);
        return resource is not null && access.Covers(need, resource)
            ? new ScopeVerdict(ScopeVerdictKind.InScope, Resource: resource)
            : new ScopeVerdict(ScopeVerdictKind.Refused, Resource: resource);
    }
}
