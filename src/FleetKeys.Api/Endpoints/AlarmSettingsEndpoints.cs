using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record AlarmSettingsView(int DoorOpenSeconds, int PinAttempts, int PinWindowMinutes, int PinLockoutMinutes)
{
    public static AlarmSettingsView Of(AlarmSettings s) => new((int)s.DoorOpenLimit.TotalSeconds, s.PinLockout.Attempts,
        (int)s.PinLockout.Window.TotalMinutes, (int)s.PinLockout.LockFor.TotalMinutes);
}

public sealed record AlarmSettingsRequest(int? DoorOpenSeconds, int? PinAttempts, int? PinWindowMinutes, int? PinLockoutMinutes);

/// <summary>
/// The thresholds behind the behaviour alarms, per cabinet (door left open, wrong PINs that lock a person out), and the
/// duress PIN, which is hashed at once and never answered back.
/// </summary>
public static class AlarmSettingsEndpoints
{
    public static RouteGroupBuilder MapAlarmSettings(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/cabinets/{id}/alarm-settings").WithTags("Cabinets");

        settings.MapGet("/", async (CabinetId id, FleetAdmin admin) =>
            (await admin.GetCabinet(id)).ToResult(c => Results.Ok(AlarmSettingsView.Of(c.AlarmSettings)))).Produces<AlarmSettingsView>();

        settings.MapPut("/", async (CabinetId id, Body<AlarmSettingsRequest> body, FleetAdmin admin) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Range("doorOpenSeconds", r.DoorOpenSeconds, 1, 24 * 3600)
                .Range("pinAttempts", r.PinAttempts, 1, PinLockoutPolicy.MaxAttempts).Range("pinWindowMinutes", r.PinWindowMinutes, 1, 24 * 60)
                .Range("pinLockoutMinutes", r.PinLockoutMinutes, 1, 7 * 24 * 60);
            if (!check.IsValid) return check.Problem();
            var wanted = new AlarmSettings(TimeSpan.FromSeconds(r.DoorOpenSeconds!.Value), new PinLockoutPolicy(r.PinAttempts!.Value,
                TimeSpan.FromMinutes(r.PinWindowMinutes!.Value), TimeSpan.FromMinutes(r.PinLockoutMinutes!.Value)));
            return (await admin.SetAlarmSettings(id, wanted)).ToResult(c => Results.Ok(AlarmSettingsView.Of(c.AlarmSettings)));
        }).RequireAuthorization(Policies.Configure).Accepts<AlarmSettingsRequest>("application/json").Produces<AlarmSettingsView>()
            .ProducesValidationProblem();

        var duress = api.MapGroup("/people/{id}/duress-pin").WithTags("People");

        duress.MapPut("/", async (PersonId id, Body<SetPinRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Check(PinHash.IsAcceptablePin(r.Pin), "pin", "must be 4 to 12 digits");
            if (!check.IsValid) return check.Problem();
            return (await admin.SetDuressPin(id, r.Pin!, user.Identity!.Name!)).ToResult(_ => Results.NoContent());
        }).RequireAuthorization(Policies.Configure).Accepts<SetPinRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();

        duress.MapDelete("/", async (PersonId id, FleetAdmin admin) =>
            (await admin.ClearDuressPin(id)).ToResult(_ => Results.NoContent())).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
