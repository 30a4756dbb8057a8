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

public sealed record AlarmSettingsRequest(int? DoorOpenSeconds, int? PinAttempts, int? PinWindowMinutes, int? PinLockoutMinutes) : IValidatable
{
    public void Validate(Validator check) => check.Range("doorOpenSeconds", DoorOpenSeconds, 1, 24 * 3600)
        .Range("pinAttempts", PinAttempts, 1, PinLockoutPolicy.MaxAttempts).Range("pinWindowMinutes", PinWindowMinutes, 1, 24 * 60)
        .Range("pinLockoutMinutes", PinLockoutMinutes, 1, 7 * 24 * 60);

    public AlarmSettings Settings() => new(TimeSpan.FromSeconds(DoorOpenSeconds!.Value), new PinLockoutPolicy(PinAttempts!.Value,
        TimeSpan.FromMinutes(PinWindowMinutes!.Value), TimeSpan.FromMinutes(PinLockoutMinutes!.Value)));
}

/// <summary>
/// The thresholds behind the behaviour alarms, per cabinet (door left open, wrong PINs that lock a person out), and the
/// duress PIN, which is hashed at once and never answered back.
/// </summary>
public static class AlarmSettingsEndpoints
{
    public static RouteGroupBuilder MapAlarmSettings(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/cabinets/{id}/alarm-settings").WithTags("Cabinets").Scoped(ScopeRule.Cabinet);

        settings.MapGet("/", async (CabinetId id, FleetAdmin admin) =>
            (await admin.GetCabinet(id)).ToResult(c => Results.Ok(AlarmSettingsView.Of(c.AlarmSettings)))).Produces<AlarmSettingsView>();

        settings.MapPut("/", async (CabinetId id, Body<AlarmSettingsRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetAlarmSettings(id, body.Value.Settings(), user.Identity!.Name!)).ToResult(c => Results.Ok(AlarmSettingsView.Of(c.AlarmSettings))))
            .RequireAuthorization(Policies.Configure).Produces<AlarmSettingsView>()
            .ProducesValidationProblem();

        var duress = api.MapGroup("/people/{id}/duress-pin").WithTags("People").Scoped(ScopeRule.Person);

        duress.MapPut("/", async (PersonId id, Body<SetPinRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetDuressPin(id, body.Value.Pin!, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();

        duress.MapDelete("/", async (PersonId id, FleetAdmin admin) =>
            (await admin.ClearDuressPin(id)).ToResult(_ => Results.NoContent())).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
