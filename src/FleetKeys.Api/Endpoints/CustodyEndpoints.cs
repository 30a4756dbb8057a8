using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record KeyView(
    string Id, string Name, string Group, Criticality Criticality, string TagId, int? MaxDurationMinutes, string? ReturnBy,
    int? RemindMinutesBefore, int? EscalateToSecurityAfterMinutes, int? EscalateToManagerAfterMinutes, bool ReturnFirst,
    int? DualAuthorisationSeconds);

public sealed record CustodyView(
    string SlotId, string CabinetId, int Slot, KeyView? Key, CustodyStatus Status, string? Holder, DateTimeOffset? Since,
    DateTimeOffset? DueAt, DateTimeOffset? ReleasedUntil, string? LastHolder)
{
    public static CustodyView Of(KeySlotState s) => new(
        s.Slot.Value, s.Slot.Cabinet.Value, s.Slot.Number,
        s.Key is { } k
            ? new KeyView(k.Id.Value, k.Name, k.Group.Value, k.Criticality, k.Tag.Value,
                Minutes(k.Policy.MaxDuration), k.Policy.ReturnBy?.ToString("HH:mm"), Minutes(k.Policy.Alerts.RemindBefore),
                Minutes(k.Policy.Alerts.SecurityAfter), Minutes(k.Policy.Alerts.ManagerAfter), k.Policy.ReturnFirst,
                k.Policy.DualAuthorisationWindow is { } window ? (int)window.TotalSeconds : null)
            : null,
        s.Status, s.Holder?.Value, s.Since, s.DueAt, s.ReleasedUntil, s.LastHolder?.Value);

    private static int? Minutes(TimeSpan? span) => span is { } s ? (int)s.TotalMinutes : null;
}

/// <summary>One journal entry of a key's custody, in order: the event's type and the event itself.</summary>
public sealed record HistoryEntry(long SequenceNr, string Type, object Event);

public static class CustodyEndpoints
{
    public static RouteGroupBuilder MapCustody(this RouteGroupBuilder api)
    {
        var custody = api.MapGroup("/cabinets/{id}/slots/{slot:int}").WithTags("Custody");

        custody.MapGet("/", async (string id, int slot, FleetAdmin admin) =>
            TryParseSlot(id, slot, out var slotId, out var notFound)
                ? (await admin.GetCustody(slotId)).ToResult(s => Results.Ok(CustodyView.Of(s)))
                : notFound).Produces<CustodyView>();

        custody.MapGet("/history", async (string id, int slot, FleetAdmin admin, JournalHistory history, CancellationToken ct) =>
        {
            if (!TryParseSlot(id, slot, out var slotId, out var notFound)) return notFound;
            var current = await admin.GetCustody(slotId);
            if (current.Rejection is { } rejection) return RejectionResults.Problem(rejection);
            var events = await history.EventsOf(PersistenceIds.KeySlot(slotId), ct);
            return Results.Ok(events.Select(e => new HistoryEntry(e.SequenceNr, MessageTypes.ManifestOf(e.Event.GetType()), e.Event)));
        }).Produces<IReadOnlyList<HistoryEntry>>();
        return api;
    }

    /// <summary>
    /// The slot a URL names, the same way for every route that names one (read, assign, reserve, release): a number no
    /// cabinet can have names nothing, so it is a 404 like an unknown cabinet, not a 400.
    /// </summary>
    internal static bool TryParseSlot(string cabinet, int slot, out SlotId slotId, out IResult notFound)
    {
        slotId = default;
        if (!RouteIds.TryParse<CabinetId>(cabinet, "cabinet", out var cabinetId, out notFound)) return false;
        if (slot is < 1 or > SlotId.MaxNumber)
        {
            notFound = RejectionResults.Problem(FleetKeys.Domain.Rejection.Of(FleetKeys.Domain.RejectionCode.NotFound, $"slot {slot} does not exist"));
            return false;
        }

        slotId = new SlotId(cabinetId, slot);
        return true;
    }
}
