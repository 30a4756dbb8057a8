using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record ControllerConfirmation(string Controller, DateTimeOffset At);

/// <summary>A slot released to the person under a grant the revocation voided: <c>state</c> is a <see cref="RelockState"/>.</summary>
public sealed record RelockView(string Slot, RelockState State, DateTimeOffset? At);

/// <summary>
/// How far the latest revocation has reached: the controllers that confirmed the purge, and those still to; and the slots
/// released to the person, locked again.
/// </summary>
public sealed record RevocationView(
    string Person, PersonStatus Status, string? Reason, int Revision, DateTimeOffset RevokedAt, IReadOnlyList<string> KeysHeld,
    IReadOnlyList<ControllerConfirmation> Confirmed, IReadOnlyList<string> Pending, IReadOnlyList<RelockView> Relocks)
{
    public bool Complete => Pending.Count == 0 && Relocks.All(r => r.State != RelockState.Pending);
}

public static class RevocationEndpoints
{
    public static RouteGroupBuilder MapRevocations(this RouteGroupBuilder api)
    {
        var revocation = api.MapGroup("/people/{id}/revocation").WithTags("People").Scoped(ScopeRule.Person);

        revocation.MapGet("/", async (PersonId id, FleetAdmin admin, JournalHistory journal, CancellationToken ct) =>
        {
            var found = await admin.GetPerson(id);
            if (found.Value is not { } state) return RejectionResults.Problem(found.Rejection!);
            return await View(state, journal, ct) is { } view
                ? Results.Ok(view)
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"person {id} has never been revoked"));
        }).Produces<RevocationView>();

        revocation.MapPost("/resend", async (PersonId id, FleetAdmin admin, JournalHistory journal, CancellationToken ct) =>
        {
            var resent = await admin.RebroadcastRevocation(id);
            if (resent.Value is not { Registered: true } state)
                return RejectionResults.Problem(resent.Rejection ?? Rejection.Of(RejectionCode.NotFound, $"person {id} does not exist"));
            return await View(state, journal, ct) is { } view
                ? Results.Accepted($"/api/v1/people/{id}/revocation", view)
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"person {id} has never been revoked"));
        }).RequireAuthorization(Policies.Operate).Produces<RevocationView>(StatusCodes.Status202Accepted);
        return api;
    }

    /// <summary>Pending are all controllers ever configured that have not confirmed this revision.</summary>
    public static async Task<RevocationView?> View(PersonDetails person, JournalHistory journal, CancellationToken ct)
    {
        if (person.Revocation is not { } revocation) return null;
        var controllers = await journal.EntityIds("controller", ct);
        var confirmed = revocation.PurgedBy.OrderBy(p => p.Key.Value)
            .Select(p => new ControllerConfirmation(p.Key.Value, p.Value)).ToList();
        var pending = controllers.Where(c => !revocation.PurgedBy.ContainsKey(new ControllerId(c))).Order().ToList();
        var relocks = revocation.Relocks.OrderBy(r => r.Key.Value, StringComparer.Ordinal)
            .Select(r => new RelockView(r.Key.Value, r.Value.State, r.Value.At)).ToList();
        return new RevocationView(person.Id.Value, person.Status, person.RevocationReason, revocation.Revision, revocation.At,
            person.Held.Select(h => h.Value).ToList(), confirmed, pending, relocks);
    }
}
