using System.Globalization;
using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Console.SignIn;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Console.Actions;

/// <summary>
/// The administration screen's forms: sites, cabinets, keys and their policies, notification subscriptions. Each is checked
/// as its API twin is, over the scope of what it touches: a site's administrator homes keys and sets return groups at the
/// cabinets of the site; registering sites and cabinets and deleting subscriptions ask for their permission over everything.
/// </summary>
public static class AdminEndpoints
{
    private const string Back = "/admin";

    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/console/admin").DisableAntiforgery().AddEndpointFilter(Antiforgery.Required)
            .RequireAuthorization(ConsoleAuthentication.ScopedRead);

        admin.MapPost("/sites", async ([FromForm] string? id, [FromForm] string? name, [FromForm] string? timeZone, HttpContext http,
            FleetAdmin fleet, DirectoryQueries directory, ActionNotices notices) =>
        {
            var problem = ActionEndpoints.Missing(("id", id), ("name", name), ("time zone", timeZone)) ?? ActionEndpoints.Invalid(id!, "site")
                ?? (SiteTime.IsKnownZone(timeZone) ? null : $"'{timeZone}' is not a known IANA time zone such as Europe/Berlin");
            if (problem is not null) return ActionEndpoints.Answer(http, notices, Back, problem);
            var outcome = await fleet.RegisterSite(new SiteId(id!), name!, timeZone!, http.User.Identity!.Name!);
            if (outcome.Rejection is null) await ActionEndpoints.Listed(ct => directory.SiteListed(id!, ct), http.RequestAborted);
            return ActionEndpoints.Answer(http, notices, Back, outcome.Rejection, $"Site {id} registered.");
        }).Does(ApiTwin.RegisterSite);

        admin.MapPost("/cabinets", async ([FromForm] string? id, [FromForm] string? siteId, [FromForm] string? controllerId, [FromForm] int? busAddress,
            [FromForm] int? slotCount, [FromForm] bool? requiresPin, HttpContext http, FleetAdmin fleet, DirectoryQueries directory,
            ActionNotices notices) =>
        {
            var problem = ActionEndpoints.Missing(("id", id), ("site", siteId), ("controller", controllerId)) ?? ActionEndpoints.Invalid(id!, "cabinet")
                ?? ActionEndpoints.Invalid(siteId!, "site") ?? ActionEndpoints.Invalid(controllerId!, "controller")
                ?? (busAddress is >= 0 and <= 0x7E ? null : "bus address must be between 0 and 126")
                ?? (slotCount is >= 1 and <= 255 ? null : "slots must be between 1 and 255");
            if (problem is not null) return ActionEndpoints.Answer(http, notices, Back, problem);
            var outcome = await fleet.RegisterCabinet(new CabinetId(id!), new SiteId(siteId!), new ControllerId(controllerId!), busAddress!.Value,
                slotCount!.Value, requiresPin ?? false, http.User.Identity!.Name!);
            if (outcome.Rejection is null) await ActionEndpoints.Listed(async ct => await directory.SiteOf(id!, ct) is not null, http.RequestAborted);
            return ActionEndpoints.Answer(http, notices, Back, outcome.Rejection, $"Cabinet {id} registered.");
        }).Does(ApiTwin.RegisterCabinet);

        admin.MapPost("/keys", async ([FromForm] string? cabinetId, [FromForm] int? slot, [FromForm] string? keyId, [FromForm] string? name,
            [FromForm] string? group, [FromForm] string? criticality, [FromForm] string? tagId, [FromForm] string? maxMinutes,
            [FromForm] string? returnBy, [FromForm] string? twoPersonSeconds, [FromForm] bool? returnFirst, [FromForm] bool? returnAnywhere, [FromForm] string? returnGroup, HttpContext http, FleetAdmin fleet,
            ActionNotices notices) =>
        {
            var due = TimeOnly.TryParse(returnBy, CultureInfo.InvariantCulture, out var time) ? time : (TimeOnly?)null;
            var maxDurationMinutes = ActionEndpoints.OptionalNumber(maxMinutes);
            var dualAuthorisationSeconds = ActionEndpoints.OptionalNumber(twoPersonSeconds);
            var problem = ActionEndpoints.Missing(("cabinet", cabinetId), ("key id", keyId), ("name", name), ("group", group), ("tag", tagId))
                ?? ActionEndpoints.Invalid(cabinetId!, "cabinet") ?? ActionEndpoints.Invalid(keyId!, "key") ?? ActionEndpoints.Invalid(group!, "group")
                ?? ActionEndpoints.Invalid(tagId!, "tag") ?? (slot is >= 1 and <= 255 ? null : "slot must be between 1 and 255")
                ?? (string.IsNullOrEmpty(returnBy) || due is not null ? null : "return by must be a time of day such as 17:00")
                ?? (string.IsNullOrEmpty(maxMinutes) || maxDurationMinutes is >= 1 and <= 60 * 24 * 90 ? null : "maximum duration must be between 1 and 129600 minutes")
                ?? (string.IsNullOrEmpty(twoPersonSeconds) || dualAuthorisationSeconds is >= 1 and <= 600 ? null : "two-person window must be between 1 and 600 seconds")
                ?? (Enum.TryParse<Criticality>(criticality, true, out _) ? null : "criticality must be normal, restricted or master")
                ?? (string.IsNullOrWhiteSpace(returnGroup) || IdRules.IsValid(returnGroup) ? null : BadReturnGroup(returnGroup));
            if (problem is not null) return ActionEndpoints.Answer(http, notices, Back, problem);
            var roams = !string.IsNullOrWhiteSpace(returnGroup);
            var slotId = new SlotId(new CabinetId(cabinetId!), slot!.Value);
            // The form shows only some of the policy: saving the slot's own key again keeps the rest (approval, reasons and
            // questions, reminders and escalations) as it is.
            var homed = (await fleet.GetCustody(slotId)).Value?.Key;
            var kept = homed is not null && homed.Id == new KeyId(keyId!) ? homed.Policy : CustodyPolicy.Unlimited;
            var policy = kept with
            {
                MaxDuration = maxDurationMinutes is { } m ? TimeSpan.FromMinutes(m) : null,
                ReturnBy = due,
                ReturnFirst = returnFirst ?? false,
                DualAuthorisationWindow = dualAuthorisationSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
                Return = roams ? ReturnRule.ReturnGroup : returnAnywhere == true ? ReturnRule.AnySlotOfCabinet : ReturnRule.HomeSlot,
                ReturnGroup = roams ? returnGroup : null,
            };
            var key = new KeyDefinition(new KeyId(keyId!), name!, new KeyGroup(group!), Enum.Parse<Criticality>(criticality!, true), new TagId(tagId!), policy);
            var outcome = await fleet.AssignKey(slotId, key, http.User.Identity!.Name!);
            return ActionEndpoints.Answer(http, notices, Back, outcome.Rejection, $"Key {keyId} is homed in {cabinetId} slot {slot}.");
        }).Does(ApiTwin.HomeKey, TheCabinet);

        admin.MapPost("/return-groups", async ([FromForm] string? cabinetId, [FromForm] string? groups, HttpContext http, FleetAdmin fleet,
            ActionNotices notices) =>
        {
            var names = (groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var problem = ActionEndpoints.Missing(("cabinet", cabinetId)) ?? ActionEndpoints.Invalid(cabinetId!, "cabinet")
                ?? names.Where(n => !IdRules.IsValid(n)).Select(BadReturnGroup).FirstOrDefault();
            if (problem is not null) return ActionEndpoints.Answer(http, notices, Back, problem);
            var outcome = await fleet.SetReturnGroups(new CabinetId(cabinetId!), names, http.User.Identity!.Name!);
            return ActionEndpoints.Answer(http, notices, Back, outcome.Rejection,
                names.Length == 0 ? $"Cabinet {cabinetId} is in no return group." : $"Cabinet {cabinetId} is in return groups {string.Join(", ", names)}.");
        }).Does(ApiTwin.SetReturnGroups, TheCabinet);

        admin.MapPost("/subscriptions/{id}/delete", async (string id, HttpContext http, NotificationStore store, ActionNotices notices) =>
            ActionEndpoints.Answer(http, notices, Back, await store.Delete(id, http.RequestAborted) ? null : FleetKeys.Domain.Rejection.Of(
                FleetKeys.Domain.RejectionCode.NotFound, $"subscription {id} does not exist"), $"Subscription {id} deleted."))
            .Does(ApiTwin.DeleteSubscription);
        return app;
    }

    /// <summary>The cabinet a key or return-group form names, as its API twin's path would.</summary>
    private static RouteValueDictionary TheCabinet(IFormCollection form) => new() { ["id"] = form["cabinetId"].ToString() };

    private static string BadReturnGroup(string name) =>
        $"return group '{name}' must be 1-{IdRules.MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
}
