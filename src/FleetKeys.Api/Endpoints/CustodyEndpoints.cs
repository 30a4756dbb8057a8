using System.Text.Json.Nodes;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace FleetKeys.Api.Endpoints;

public sealed record KeyView(
    string Id, string Name, string Group, Criticality Criticality, string TagId, int? MaxDurationMinutes, string? ReturnBy,
    int? RemindMinutesBefore, int? EscalateToSecurityAfterMinutes, int? EscalateToManagerAfterMinutes, bool ReturnFirst,
    int? DualAuthorisationSeconds, ReturnRule ReturnTo, string? ReturnGroup, IReadOnlyList<string> Reasons, ReturnQuestionsBody ReturnQuestions,
    ApprovalView? Approval = null);

/// <summary>Approval before release: who decides (<c>ApproverId</c> when it is one person), within how long, and how long an approval holds.</summary>
public sealed record ApprovalView(ApproverKind By, string? ApproverId, int WindowMinutes, int ValidMinutes)
{
    public static ApprovalView? Of(ApprovalRule? rule) => rule is null
        ? null
        : new(rule.Approver, rule.Person?.Value, (int)rule.Window.TotalMinutes, (int)rule.Validity.TotalMinutes);
}

/// <summary>
/// <c>PlacedIn</c>: the slot the key sits in when it was put back somewhere other than its home slot. <c>OpenFaults</c>: faults
/// reported against the key and not cleared yet. <c>TakeReason</c>: the reason given for the current release or custody;
/// <c>AnswersAwaited</c>: the key is back and its return questions are not answered yet; <c>LastOdometerKm</c>: the highest
/// odometer reading recorded for the key.
/// </summary>
public sealed record CustodyView(
    string SlotId, string CabinetId, int Slot, KeyView? Key, CustodyStatus Status, string? Holder, DateTimeOffset? Since,
    DateTimeOffset? DueAt, DateTimeOffset? ReleasedUntil, string? LastHolder, string? PlacedIn, IReadOnlyList<FaultView> OpenFaults,
    string? TakeReason, bool AnswersAwaited, int? LastOdometerKm)
{
    public static CustodyView Of(KeySlotDetails s) => new(
        s.Slot.Value, s.Slot.Cabinet.Value, s.Slot.Number,
        s.Key is { } k
            ? new KeyView(k.Id.Value, k.Name, k.Group.Value, k.Criticality, k.Tag.Value,
                Minutes(k.Policy.MaxDuration), k.Policy.ReturnBy?.ToString("HH:mm"), Minutes(k.Policy.Alerts.RemindBefore),
                Minutes(k.Policy.Alerts.SecurityAfter), Minutes(k.Policy.Alerts.ManagerAfter), k.Policy.ReturnFirst,
                k.Policy.DualAuthorisationWindow is { } window ? (int)window.TotalSeconds : null, k.Policy.Return, k.Policy.ReturnGroup,
                k.Policy.Questions.Reasons, new ReturnQuestionsBody(k.Policy.Questions.Odometer, k.Policy.Questions.Fuel, k.Policy.Questions.Damage),
                ApprovalView.Of(k.Policy.Approval))
            : null,
        s.Status, s.Holder?.Value, s.Since, s.DueAt, s.ReleasedUntil, s.LastHolder?.Value, s.PlacedIn?.Value, [.. s.OpenFaults.Select(FaultView.Of)],
        s.TakeReason, s.AnswersAwaited, s.LastOdometerKm);

    private static int? Minutes(TimeSpan? span) => span is { } s ? (int)s.TotalMinutes : null;
}

/// <summary>One journal entry of a key's custody, in order: the event's type and the event itself.</summary>
public sealed record HistoryEntry(long SequenceNr, string Type, JsonNode? Event);

public static class CustodyEndpoints
{
    public static RouteGroupBuilder MapCustody(this RouteGroupBuilder api)
    {
        var custody = api.MapGroup("/cabinets/{id}/slots/{slot:int}").WithTags("Custody").Scoped(ScopeRule.Slot);

        custody.MapGet("/", async (CabinetId id, SlotNumber slot, FleetAdmin admin) =>
            (await admin.GetCustody(slot.In(id))).ToResult(s => Results.Ok(CustodyView.Of(s)))).Produces<CustodyView>();

        custody.MapGet("/history", async (CabinetId id, SlotNumber slot, FleetAdmin admin, JournalHistory history, IOptions<JsonOptions> json,
            CancellationToken ct) =>
        {
            var slotId = slot.In(id);
            var current = await admin.GetCustody(slotId);
            if (current.Rejection is { } rejection) return RejectionResults.Problem(rejection);
            var events = await history.EventsOf(PersistenceIds.KeySlot(slotId), ct);
            return Results.Ok(events.Select(e =>
                new HistoryEntry(e.SequenceNr, MessageTypes.ManifestOf(e.Event.GetType()), ShownEvent.Of(e.Event, json.Value.SerializerOptions))));
        }).Produces<IReadOnlyList<HistoryEntry>>();
        return api;
    }
}
