using FleetKeys.Management.Commands;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

public sealed record EntitlementRow(string Group, string Place, string Schedule);

public sealed record PersonView(
    string Id, string Name, PersonStatus Status, string? RevocationReason, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
    IReadOnlyList<string> Badges, bool HasPin, int MaxKeys, IReadOnlyList<string> KeysHeld, IReadOnlyList<EntitlementRow> Entitlements)
{
    public static PersonView Of(PersonDetails p) => new(
        p.Id.Value, p.Name, p.Status, p.RevocationReason, p.ValidFrom, p.ValidUntil, [.. p.Badges.Select(b => b.Value)],
        p.HasPin, p.MaxKeys, [.. p.Held.Select(s => s.Value)],
        [.. p.Entitlements.Select(e => new EntitlementRow(
            e.Group?.Value ?? "any group",
            e.Cabinet is { } cabinet ? $"cabinet {cabinet}" : e.Site is { } site ? $"site {site}" : "everywhere",
            e.Schedule.Windows.Count == 0
                ? "always"
                : string.Join("; ", e.Schedule.Windows.Select(w => $"{string.Join(",", w.Days.Select(d => d.ToString()[..3]))} {w.From:HH:mm}-{w.To:HH:mm}"))))]);
}

/// <summary>
/// A person's record, and the two levers an operator needs at night: revoke (from then on, no grant anywhere) and
/// reinstate; and, for a subject-access request, everything the node holds about a person, as the API exports it, and
/// the erasure of a person on request, as the API erases.
/// Everything else about people is configuration, done through the API.
/// </summary>
public sealed class PeoplePalette(FleetAdmin admin, PersonExports exports, PersonErasures erasures) : IPalette
{
    private static readonly ArgumentSpec Person = ArgumentSpec.Of("person", "a person id");

    public string Name => "people";

    public string Summary => "show, revoke and reinstate people";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("show", "a person's status, badges, entitlements and keys held", Show, Person),
        DestructiveChange("revoke", "deny a person everything from now on; the keys they hold stay listed against them", Revoke, Person,
            ArgumentSpec.Text("reason", "why, for the audit trail"),
            ArgumentSpec.Optional("status", "'suspended' (default) or 'terminated'")),
        Change("reinstate", "make a revoked person active again", Reinstate, Person),
        AdminRead("export", "everything the node holds about a person, for a subject-access request (fleetctl: --csv, --out FILE)", Export,
            Person, ArgumentSpec.Optional("format", "'json' (default) or 'csv'")),
        DestructiveChange("erase", "erase a person on request: their key is destroyed, so their name, e-mail, badges and notes can never be read again (refused while they hold a key)",
            Erase, Person, ArgumentSpec.Text("reason", "why, a request's reference: kept in clear in the audit, so not the person's name")),
    ];

    private Task<IResult> Show(CommandArguments args, CancellationToken _) =>
        Answer(args, admin.GetPerson);

    private Task<IResult> Revoke(CommandArguments args, CancellationToken _)
    {
        var status = args.Choice("status", "suspended", "terminated") == "terminated" ? PersonStatus.Terminated : PersonStatus.Suspended;
        var reason = args.Text("reason");
        args.Check.Text("reason", reason, 500);
        return Answer(args, person => admin.Revoke(person, status, reason));
    }

    private async Task<IResult> Export(CommandArguments args, CancellationToken cancellationToken)
    {
        var format = args.Choice("format", "json", "csv") == "csv" ? ExportFormat.Csv : ExportFormat.Json;
        var person = args.Id<PersonId>("person");
        if (!args.Check.IsValid) return args.Check.Problem();
        return await exports.Answer(person, format, cancellationToken);
    }

    private async Task<IResult> Erase(CommandArguments args, CancellationToken cancellationToken)
    {
        var person = args.Id<PersonId>("person");
        var reason = args.Text("reason");
        args.Check.Text("reason", reason, 500);
        if (!args.Check.IsValid) return args.Check.Problem();
        return await erasures.Answer(person, reason, args.By, cancellationToken);
    }

    private Task<IResult> Reinstate(CommandArguments args, CancellationToken _) =>
        Answer(args, admin.Reinstate);

    private static async Task<IResult> Answer(CommandArguments args, Func<PersonId, Task<Outcome<PersonDetails>>> run)
    {
        var person = args.Id<PersonId>("person");
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await run(person)).ToResult(p => Results.Ok(PersonView.Of(p)));
    }
}
