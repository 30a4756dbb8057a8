using FleetKeys.Api.Endpoints;
using FleetKeys.Management.Commands;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

/// <summary>The tamper-evident audit log: verify its hash chain against the journal, and export its entries.</summary>
public sealed class AuditPalette(AuditQueries queries, AuditVerifier verifier) : IPalette
{
    public string Name => "audit";

    public string Summary => "verify and export the audit log";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("verify", "walk the hash chain against the journal; names the first altered, inserted or missing row", Verify),
        Read("export", "audit log entries, oldest first", Export,
            ArgumentSpec.Optional("persistenceId", "only this entity's entries, e.g. keyslot-lobby/1"),
            ArgumentSpec.Optional("count", "how many, 1-500 (default 100)")),
    ];

    private async Task<IResult> Verify(CommandArguments args, CancellationToken ct) => Results.Ok(await verifier.Verify(ct));

    private async Task<IResult> Export(CommandArguments args, CancellationToken ct)
    {
        var count = args.Int("count", 100, 1, Paging.MaxPageSize);
        var entity = args.OptionalText("persistenceId");
        args.Check.Text("persistenceId", entity, 200, required: false);
        if (!args.Check.IsValid) return args.Check.Problem();
        var page = await queries.List(new AuditFilter(entity, null, null), new Paging(1, count), ct);
        return Results.Ok(page.Items.Select(AuditEntry.Of).ToList());
    }
}
