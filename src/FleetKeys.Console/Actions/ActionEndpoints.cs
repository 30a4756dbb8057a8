using System.Globalization;
using System.Security.Claims;
using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Alarms;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Console.SignIn;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Console.Actions;

/// <summary>
/// The console's commands, posted as forms with an anti-forgery token and checked here on the server, whatever the page
/// showed, against the permission and scope their API twin asks (<see cref="ActionChecks"/>). Each goes the way the API's
/// does (<see cref="FleetCommands"/>, <see cref="FleetAdmin"/>), so every rule is the owning entity's; the user is sent back
/// to the page with what the entity answered.
/// </summary>
public static class ActionEndpoints
{
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 1000;

    public static IEndpointRouteBuilder MapActions(this IEndpointRouteBuilder app)
    {
        // Open to every signed-in user: each action is then checked against its API twin's permission and scope.
        var actions = app.MapGroup("/console").DisableAntiforgery().AddEndpointFilter(Antiforgery.Required)
            .RequireAuthorization(ConsoleAuthentication.ScopedRead);

        actions.MapPost("/cabinets/{id}/slots/{slot:int}/release", async (string id, int slot, [FromForm] string? personId,
            [FromForm] string? reason, [FromForm] string? returnTo, HttpContext http, FleetCommands commands, ActionNotices notices) =>
        {
            var problem = Missing(("person", personId), ("reason", reason)) ?? TooLong("reason", reason, MaxReasonLength)
                ?? Invalid(id, "cabinet") ?? Invalid(personId!, "person");
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            var outcome = await commands.RemoteRelease(new SlotId(new CabinetId(id), slot), new PersonId(personId!), reason!, By(http));
            return Answer(http, notices, returnTo, outcome.Rejection, $"Slot {slot} released to {personId} for the release window.");
        }).Does(ApiTwin.Release);

        actions.MapPost("/cabinets/{id}/lockdown", async (string id, [FromForm] string? reason, [FromForm] string? returnTo, HttpContext http,
            FleetCommands commands, ActionNotices notices) =>
        {
            var problem = Missing(("reason", reason)) ?? TooLong("reason", reason, MaxReasonLength) ?? Invalid(id, "cabinet");
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            var outcome = await commands.LockDown(new CabinetId(id), reason!, By(http));
            return Answer(http, notices, returnTo, outcome.Rejection, $"Cabinet {id} is locked down.");
        }).Does(ApiTwin.Lockdown);

        actions.MapPost("/cabinets/{id}/lockdown/lift", async (string id, [FromForm] string? returnTo, HttpContext http, FleetCommands commands,
            ActionNotices notices) =>
        {
            if (Invalid(id, "cabinet") is { } problem) return Answer(http, notices, returnTo, problem);
            var outcome = await commands.LiftLockdown(new CabinetId(id), By(http));
            return Answer(http, notices, returnTo, outcome.Rejection, $"The lock-down of cabinet {id} is lifted.");
        }).Does(ApiTwin.LiftLockdown);

        // Opening every lock of a cabinet is the heaviest command the console has: the id typed to confirm.
        actions.MapPost("/cabinets/{id}/emergency-open", async (string id, [FromForm] string? reason, [FromForm] int? minutes,
            [FromForm] string? confirm, [FromForm] string? returnTo, HttpContext http, FleetCommands commands, ActionNotices notices) =>
        {
            var problem = Missing(("reason", reason)) ?? TooLong("reason", reason, MaxReasonLength) ?? Invalid(id, "cabinet")
                ?? Confirmed(confirm, id) ?? (minutes is null or (>= 1 and <= CommandEndpoints.MaxEmergencyMinutes)
                    ? null : $"minutes must be between 1 and {CommandEndpoints.MaxEmergencyMinutes}");
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            var outcome = await commands.EmergencyOpen(new CabinetId(id), reason!, TimeSpan.FromMinutes(minutes ?? 15), By(http));
            return Answer(http, notices, returnTo, outcome.Rejection, $"Cabinet {id} is open for {minutes ?? 15} minutes.");
        }).Does(ApiTwin.EmergencyOpen);

        actions.MapPost("/alarms/{id}/acknowledge", async (string id, [FromForm] string? note, [FromForm] string? returnTo, HttpContext http,
            AlarmQueries alarms, FleetCommands commands, ActionNotices notices) =>
        {
            var problem = Missing(("note", note)) ?? TooLong("note", note, MaxNoteLength);
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            return await Settle(id, http, alarms, notices, returnTo, alarm => commands.Acknowledge(alarm, note, By(http)),
                $"Alarm {id} acknowledged.");
        }).Does(ApiTwin.Acknowledge);

        actions.MapPost("/alarms/{id}/clear", async (string id, [FromForm] string? note, [FromForm] string? returnTo, HttpContext http,
            AlarmQueries alarms, FleetCommands commands, ActionNotices notices) =>
        {
            if (TooLong("note", note, MaxNoteLength) is { } problem) return Answer(http, notices, returnTo, problem);
            return await Settle(id, http, alarms, notices, returnTo,
                alarm => commands.Clear(alarm, string.IsNullOrWhiteSpace(note) ? null : note, By(http)), $"Alarm {id} cleared.");
        }).Does(ApiTwin.Clear);

        actions.MapPost("/people/{id}/revoke", async (string id, [FromForm] string? status, [FromForm] string? reason, [FromForm] string? confirm,
            [FromForm] string? returnTo, HttpContext http, FleetAdmin admin, ActionNotices notices) =>
        {
            var revoked = status switch { "suspended" => PersonStatus.Suspended, "terminated" => PersonStatus.Terminated, _ => (PersonStatus?)null };
            var problem = Missing(("reason", reason)) ?? TooLong("reason", reason, MaxReasonLength) ?? Invalid(id, "person")
                ?? Confirmed(confirm, id) ?? (revoked is null ? "status must be suspended or terminated" : null);
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            var outcome = await admin.Revoke(new PersonId(id), revoked!.Value, reason!);
            return Answer(http, notices, returnTo, outcome.Rejection, $"{id} is {status}: every controller is being told.");
        }).Does(ApiTwin.Revoke);

        actions.MapPost("/people/{id}/revocation/resend", async (string id, [FromForm] string? returnTo, HttpContext http, FleetAdmin admin,
            ActionNotices notices) =>
        {
            if (Invalid(id, "person") is { } problem) return Answer(http, notices, returnTo, problem);
            var outcome = await admin.RebroadcastRevocation(new PersonId(id));
            return Answer(http, notices, returnTo, outcome.Rejection, "The revocation is sent again to the controllers still pending.");
        }).Does(ApiTwin.ResendRevocation);

        actions.MapPost("/people/{id}/reinstate", async (string id, [FromForm] string? returnTo, HttpContext http, FleetAdmin admin,
            ActionNotices notices) =>
        {
            if (Invalid(id, "person") is { } problem) return Answer(http, notices, returnTo, problem);
            var outcome = await admin.Reinstate(new PersonId(id));
            return Answer(http, notices, returnTo, outcome.Rejection, $"{id} is active again.");
        }).Does(ApiTwin.Reinstate);

        actions.MapPost("/cabinets/{id}/slots/{slot:int}/reservations", async (string id, int slot, [FromForm] string? personId,
            [FromForm] string? from, [FromForm] string? until, [FromForm] string? leadMinutes, [FromForm] string? returnTo, HttpContext http,
            FleetAdmin admin, ActionNotices notices) =>
        {
            var lead = OptionalNumber(leadMinutes);
            var problem = Missing(("person", personId), ("from", from), ("until", until)) ?? Invalid(id, "cabinet")
                ?? Invalid(personId!, "person")
                ?? (string.IsNullOrEmpty(leadMinutes) || lead is >= 0 and <= 1440 ? null : "held ahead must be between 0 and 1440 minutes");
            if (problem is not null) return Answer(http, notices, returnTo, problem);
            var cabinet = await admin.GetCabinet(new CabinetId(id));
            if (cabinet.Value is not { } found) return Answer(http, notices, returnTo, cabinet.Rejection!.Message);
            var zone = SiteTime.Zone(found.TimeZoneId);
            if (Local(from!, zone) is not { } start || Local(until!, zone) is not { } end)
                return Answer(http, notices, returnTo, "from and until must be dates and times such as 2026-06-01T08:00");
            if (end <= start) return Answer(http, notices, returnTo, "until must be after from");
            var outcome = await admin.Reserve(new SlotId(found.Id, slot), ReservationId.New(), new PersonId(personId!), start, end,
                TimeSpan.FromMinutes(lead ?? ReservationsEndpoints.DefaultLeadMinutes));
            return Answer(http, notices, returnTo, outcome.Rejection, $"Slot {slot} of {id} is booked for {personId}.");
        }).Does(ApiTwin.Reserve);

        actions.MapPost("/cabinets/{id}/slots/{slot:int}/reservations/{reservation}/cancel", async (string id, int slot, string reservation,
            [FromForm] string? returnTo, HttpContext http, FleetAdmin admin, ActionNotices notices) =>
        {
            if (Invalid(id, "cabinet") is { } problem) return Answer(http, notices, returnTo, problem);
            if (!Guid.TryParseExact(reservation, "N", out var booking)) return Answer(http, notices, returnTo, "no such booking");
            var outcome = await admin.CancelReservation(new SlotId(new CabinetId(id), slot), new ReservationId(booking), By(http));
            return Answer(http, notices, returnTo, outcome.Rejection, "The booking is cancelled.");
        }).Does(ApiTwin.CancelReservation);
        return app;
    }

    private static async Task<IResult> Settle(string id, HttpContext http, AlarmQueries alarms, ActionNotices notices, string? returnTo,
        Func<RaisedAlarm, Task<Outcome<AlarmDetails>>> command, string done)
    {
        var alarm = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? await alarms.Get(number, http.RequestAborted) : null;
        if (alarm is null) return Answer(http, notices, returnTo, $"alarm {id} does not exist");
        var outcome = await command(RaisedAlarm.Of(alarm));
        return Answer(http, notices, returnTo, outcome.Rejection, done);
    }

    /// <summary>Who gave the command, as it is recorded: the API key's name or the signed-in user's.</summary>
    private static string By(HttpContext http) => http.User.Identity!.Name!;

    /// <summary>A number field left empty posts "", which minimal APIs refuse to bind to int? (a bare 400): read as text, empty as none.</summary>
    public static int? OptionalNumber(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static string? Missing(params (string Field, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value)) is { Field: { } field } ? $"{field} is required" : null;

    private static string? TooLong(string field, string? value, int max) =>
        value is not null && value.Length > max ? $"{field} must be at most {max} characters" : null;

    public static string? Invalid(string value, string what) =>
        IdRules.IsValid(value) ? null : $"{what} '{value}' does not exist";

    /// <summary>A typed confirmation: the user wrote the id of what the command is about.</summary>
    private static string? Confirmed(string? typed, string id) =>
        string.Equals(typed?.Trim(), id, StringComparison.Ordinal) ? null : $"type '{id}' to confirm";

    private static DateTimeOffset? Local(string value, TimeZoneInfo zone) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? SiteTime.ToInstant(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone) : null;

    /// <summary>How long a form's answer waits at most for the read side to list what the form registered.</summary>
    private static readonly TimeSpan ReadSideWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Waits, a moment at most, until the read side lists what a form has just registered: the screen the answer sends
    /// the browser back to reads its lists from there, and without the wait showed the notice "registered" above a list
    /// without it (the read side follows the journal a quarter of a second behind).
    /// </summary>
    public static async Task Listed(Func<CancellationToken, Task<bool>> listed, CancellationToken cancellationToken)
    {
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(ReadSideWait);
        try
        {
            while (!await listed(within.Token)) await Task.Delay(TimeSpan.FromMilliseconds(50), within.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // not listed yet: the screen shows it at its next read
        }
    }

    public static IResult Answer(HttpContext http, ActionNotices notices, string? returnTo, Rejection? rejection, string done) =>
        rejection is null ? Redirect(http, notices, returnTo, true, done) : Answer(http, notices, returnTo, rejection.Message);

    public static IResult Answer(HttpContext http, ActionNotices notices, string? returnTo, string refused) =>
        Redirect(http, notices, returnTo, false, refused);

    /// <summary>303: the browser comes back to the page with a GET, so a reload does not post the form again.</summary>
    private static IResult Redirect(HttpContext http, ActionNotices notices, string? returnTo, bool done, string text)
    {
        var page = SignInEndpoints.Local(returnTo);
        var token = notices.Put(By(http), done, text);
        http.Response.Headers.Location = $"{page}{(page.Contains('?') ? '&' : '?')}notice={token}";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
