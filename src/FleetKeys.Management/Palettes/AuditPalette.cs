using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

/// <summary>
/// The tamper-evident audit log: verify it against the journal and its signed checkpoints, and export it as a bundle that
/// "fleetctl audit verify-bundle" checks without a node; its entries are listed to read, not to prove anything.
/// </summary>
public sealed class AuditPalette(AuditQueries queries, AuditVerifier verifier, AuditExport export) : IPalette
{
    public string Name => "audit";

    public string Summary => "verify and export the audit log";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("verify", "walk the hash chain against the journal and the signed checkpoints; names the first problem and what was covered",
            Verify),
        Read("export", "a bundle of rows and signed checkpoints for 'fleetctl audit verify-bundle' (use --json and redirect to a file)",
            Export,
            ArgumentSpec.Optional("fromSeq", "the first row (default 1)"),
            ArgumentSpec.Optional("toSeq", "the bundle ends at the last checkpoint at or before this row (default: the last checkpoint)")),
        Read("entries", "audit log entries, oldest first", Entries,
            ArgumentSpec.Optional("persistenceId", "only this entity's entries, e.g. keyslot-lobby/1"),
            ArgumentSpec.Optional("count", "how many, 1-500 (default 100)")),
    ];

    private async Task<IResult> Verify(CommandArguments args, CancellationToken ct) => Results.Ok(await verifier.Verify(ct));

    private async Task<IResult> Export(CommandArguments args, CancellationToken ct)
    {
        var from = args.Int("fromSeq", 1, 1, int.MaxValue);
        var to = args.Int("toSeq", int.MaxValue, 1, int.MaxValue);
        args.Check.Check(from <= to, "toSeq", "must not be before fromSeq");
        if (!args.Check.IsValid) return args.Check.Problem();
        return Results.Json(await export.Bundle(from, to, ct), Domain.Audit.AuditBundle.Json);
    }

    private async Task<IResult> Entries(CommandArguments args, CancellationToken ct)
    {
        var count = args.Int("count", 100, 1, Paging.MaxPageSize);
        var entity = args.OptionalText("persistenceId");
        args.Check.Text("persistenceId", entity, 200, required: false);
        if (!args.Check.IsValid) return args.Check.Problem();
        var page = await queries.List(new AuditFilter(entity, null, null), new Paging(1, count), ct);
        return Results.Ok(page.Items.Select(AuditEntry.Of).ToList());
    }
}
