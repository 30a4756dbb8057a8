using System.Text.Json.Serialization;
using FleetKeys.Management.Commands;
using FleetKeys.Management.Fleet;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

public sealed record PersonCustodyView(string Person, string Name, PersonStatus Status, int GrantsPending, IReadOnlyList<CustodyRow> Keys);

public sealed record FleetCustodyView(
    int CabinetsSearched, IReadOnlyList<CustodyRow> Keys,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? UnansweredNodes);

/// <summary>
/// Who holds what, from the entities themselves. "overdue" and "masters" search every cabinet's slot summary and then
/// confirm each candidate with its key slot, the authority — so they are exact, at a cost that grows with the fleet.
/// </summary>
public sealed class CustodyPalette(FleetAdmin admin, FleetDirectory directory, TimeProvider clock) : IPalette
{
    public string Name => "custody";

    public string Summary => "who holds which key";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("key", "the custody of the key homed in a slot", Key, ArgumentSpec.Of("slot", "the key's slot: cabinet/slot, e.g. lobby/1")),
        Read("person", "the keys a person holds now", Person, ArgumentSpec.Of("person", "a person id")),
        Read("overdue", "every key out past its due time, across the fleet", Overdue),
        Read("masters", "every master key not in its slot (out, released or missing), across the fleet", Masters),
    ];

    private async Task<IResult> Key(CommandArguments args, CancellationToken _)
    {
        var slot = args.Id<SlotId>("slot");
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.GetCustody(slot)).ToResult(s => Results.Ok(CustodyRow.Of(s, clock.GetUtcNow())));
    }

    private async Task<IResult> Person(CommandArguments args, CancellationToken cancellationToken)
    {
        var id = args.Id<PersonId>("person");
        if (!args.Check.IsValid) return args.Check.Problem();
        var found = await admin.GetPerson(id);
        if (found.Value is not { } person) return RejectionResults.Problem(found.Rejection!);
        var now = clock.GetUtcNow();
        var held = await directory.Custody(person.Held, cancellationToken);
        return Results.Ok(new PersonCustodyView(person.Id.Value, person.Name, person.Status,
            person.PendingGrants, [.. held.Select(s => CustodyRow.Of(s, now))]));
    }

    private Task<IResult> Overdue(CommandArguments _, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Search(s => s.Status == CustodyStatus.Out && s.DueAt <= now, s => s.IsOverdue(now), cancellationToken);
    }

    private Task<IResult> Masters(CommandArguments _, CancellationToken cancellationToken) =>
        Search(s => s.Status is CustodyStatus.Out or CustodyStatus.Released or CustodyStatus.Missing,
            s => s.Status != CustodyStatus.InSlot && s.Key?.Criticality == Criticality.Master, cancellationToken);

    /// <summary>Candidates from the cabinets' summaries (a copy, delivered at least once), kept if their key slot agrees.</summary>
    private async Task<IResult> Search(Func<Domain.Cabinets.SlotSummary, bool> candidate, Func<KeySlotDetails, bool> confirmed,
        CancellationToken cancellationToken)
    {
        var cabinets = await directory.Cabinets(cancellationToken);
        var slots = cabinets.Items.SelectMany(c => c.Summary.Values.Where(candidate).Select(s => c.SlotId(s.Slot)));
        var now = clock.GetUtcNow();
        var keys = (await directory.Custody(slots, cancellationToken)).Where(confirmed)
            .OrderBy(s => s.DueAt ?? DateTimeOffset.MaxValue).Select(s => CustodyRow.Of(s, now)).ToList();
        return Results.Ok(new FleetCustodyView(cabinets.Items.Count, keys, cabinets.Unanswered.Count == 0 ? null : cabinets.Unanswered));
    }
}
