using System.Collections.Concurrent;
using System.Security.Claims;
using FleetKeys.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// The API route that a console screen shows or a console action performs: the console asks what that route asks (its
/// permission, <see cref="Permissions"/>, and its <see cref="ScopeRule"/>) rather than keeping a list of its own.
/// <see cref="Role"/>: the least role preset the console asks where it asks more of a role than the API does.
/// </summary>
public sealed record ApiTwin(string Method, string Route, string? Role = null)
{
    public static readonly ApiTwin Overview = new("GET", "/api/v1/overview/sites");
    public static readonly ApiTwin Custody = new("GET", "/api/v1/custody");
    public static readonly ApiTwin People = new("GET", "/api/v1/people/");
    public static readonly ApiTwin Alarms = new("GET", "/api/v1/alarms/");
    public static readonly ApiTwin CabinetCustody = new("GET", "/api/v1/cabinets/{id}/custody");
    public static readonly ApiTwin Release = new("POST", "/api/v1/cabinets/{id}/slots/{slot:int}/remote-release");
    public static readonly ApiTwin Lockdown = new("POST", "/api/v1/cabinets/{id}/lockdown");
    public static readonly ApiTwin LiftLockdown = new("DELETE", "/api/v1/cabinets/{id}/lockdown");
    // Opening every lock of a cabinet stays the administrators' in the console (a set needs its permission, as in the API).
    public static readonly ApiTwin EmergencyOpen = new("POST", "/api/v1/cabinets/{id}/emergency-open", Roles.Admin);
    public static readonly ApiTwin Acknowledge = new("POST", "/api/v1/alarms/{id}/acknowledge");
    public static readonly ApiTwin Clear = new("POST", "/api/v1/alarms/{id}/clear");
    public static readonly ApiTwin Revoke = new("POST", "/api/v1/people/{id}/revoke");
    public static readonly ApiTwin ResendRevocation = new("POST", "/api/v1/people/{id}/revocation/resend");
    public static readonly ApiTwin Reinstate = new("POST", "/api/v1/people/{id}/reinstate");
    public static readonly ApiTwin Reserve = new("POST", "/api/v1/cabinets/{id}/slots/{slot:int}/reservations/");
    public static readonly ApiTwin CancelReservation = new("DELETE", "/api/v1/cabinets/{id}/slots/{slot:int}/reservations/{reservationId}");
    public static readonly ApiTwin Reservations = new("GET", "/api/v1/cabinets/{id}/slots/{slot:int}/reservations/");
    public static readonly ApiTwin History = new("GET", "/api/v1/history/");
    public static readonly ApiTwin Audit = new("GET", "/api/v1/audit/");
    public static readonly ApiTwin AuditVerify = new("GET", "/api/v1/audit/verify");
    public static readonly ApiTwin Person = new("GET", "/api/v1/people/{id}");
    public static readonly ApiTwin PersonCustody = new("GET", "/api/v1/people/{id}/custody");
    public static readonly ApiTwin Overdue = new("GET", "/api/v1/reports/overdue");
    public static readonly ApiTwin Activity = new("GET", "/api/v1/reports/activity");
    public static readonly ApiTwin ReturnedByOthers = new("GET", "/api/v1/reports/returned-by-others");
    public static readonly ApiTwin AccessDenied = new("GET", "/api/v1/reports/access-denied");
    public static readonly ApiTwin UnusedBadges = new("GET", "/api/v1/reports/unused-badges");
    public static readonly ApiTwin Reconciliation = new("GET", "/api/v1/reports/reconciliation");
    public static readonly ApiTwin Faults = new("GET", "/api/v1/reports/faults");
    public static readonly ApiTwin Sites = new("GET", "/api/v1/sites/");
    public static readonly ApiTwin RegisterSite = new("POST", "/api/v1/sites/");
    public static readonly ApiTwin Controllers = new("GET", "/api/v1/controllers/");
    public static readonly ApiTwin RegisterCabinet = new("POST", "/api/v1/cabinets/");
    public static readonly ApiTwin HomeKey = new("PUT", "/api/v1/cabinets/{id}/slots/{slot:int}/key");
    public static readonly ApiTwin SetReturnGroups = new("PUT", "/api/v1/cabinets/{id}/return-groups");
    public static readonly ApiTwin Subscriptions = new("GET", "/api/v1/notifications/subscriptions");
    public static readonly ApiTwin DeleteSubscription = new("DELETE", "/api/v1/notifications/subscriptions/{id}");
    public static readonly ApiTwin ApiKeyNames = new("GET", "/api/v1/api-keys");

    /// <summary>The administration screen's commands: the screen and its menu entry are there for a user holding one of them somewhere.</summary>
    public static readonly IReadOnlyList<ApiTwin> Administration = [RegisterSite, RegisterCabinet, HomeKey, SetReturnGroups, DeleteSubscription];
}

/// <summary>What each <see cref="ApiTwin"/> asks, read once from the node's route table.</summary>
public sealed class ApiTwins(EndpointDataSource endpoints)
{
    private readonly ConcurrentDictionary<ApiTwin, (AccessNeed Need, ScopeRule Rule)> _found = new();

    public (AccessNeed Need, ScopeRule Rule) Of(ApiTwin twin) => _found.GetOrAdd(twin, t =>
    {
        var endpoint = endpoints.Endpoints.OfType<RouteEndpoint>().SingleOrDefault(e =>
                e.RoutePattern.RawText?.Trim('/') == t.Route.Trim('/')
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(t.Method) == true)
            ?? throw new InvalidOperationException($"the console's twin {t.Method} {t.Route} is no route of the API");
        var need = Permissions.NeedOf(endpoint);
        return (t.Role is { } role ? need with { Role = role } : need, endpoint.Metadata.GetMetadata<ScopeRule>() ?? ScopeRule.Everything);
    });

    /// <summary>Whether a role or set of the user holds the twin's permission somewhere (<see cref="ConsoleGrantClaims.PermissionClaim"/>).</summary>
    public bool HeldBy(ClaimsPrincipal user, ApiTwin twin) => Of(twin).Need.Permission is { } permission && user.Holds(permission);
}
