using FleetKeys.Api.Endpoints;
using FleetKeys.Management.Commands;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Alarms;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

/// <summary>The alarms the control room sees, and settling them from a shell: acknowledged with a note, then cleared.</summary>
public sealed class AlarmsPalette(AlarmQueries queries, FleetCommands commands) : IPalette
{
    private const string By = "fleetctl";
    private static readonly ArgumentSpec Alarm = ArgumentSpec.Of("alarm", "an alarm id, as alarms list shows it");

    public string Name => "alarms";

    public string Summary => "list, acknowledge and clear alarms";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("list", "the newest alarms first", List,
            ArgumentSpec.Optional("state", "active (default: not cleared), open, acknowledged, cleared or all"),
            ArgumentSpec.Optional("count", "how many, 1-500 (default 50)")),
        Change("acknowledge", "record that someone is on it, with a note", Acknowledge, Alarm, ArgumentSpec.Text("note", "what is being done")),
        Change("clear", "close an alarm", Clear, Alarm, ArgumentSpec.Text("note", "how it ended", required: false)),
    ];

    private async Task<IResult> List(CommandArguments args, CancellationToken ct)
    {
        var count = args.Int("count", 50, 1, Paging.MaxPageSize);
        var state = args.Choice("state", "active", "open", "acknowledged", "cleared", "all") ?? "active";
        if (!args.Check.IsValid) return args.Check.Problem();
        var filter = new AlarmFilter(Enum.Parse<AlarmStateFilter>(state, ignoreCase: true), null, null, null, null);
        return Results.Ok((await queries.List(filter, new Paging(1, count), ct)).Items.Select(AlarmView.Of).ToList());
    }

    private Task<IResult> Acknowledge(CommandArguments args, CancellationToken ct)
    {
        var alarm = args.Id<AlarmId>("alarm");
        var note = args.Text("note");
        args.Check.Text("note", note, 1000);
        return args.Check.IsValid
            ? AlarmDesk.Settle(alarm, queries, ct, raised => commands.Acknowledge(raised, note, By))
            : Answer.Invalid(args);
    }

    private Task<IResult> Clear(CommandArguments args, CancellationToken ct)
    {
        var alarm = args.Id<AlarmId>("alarm");
        var note = args.OptionalText("note");
        args.Check.Text("note", note, 1000, required: false);
        return args.Check.IsValid
            ? AlarmDesk.Settle(alarm, queries, ct, raised => commands.Clear(raised, note, By))
            : Answer.Invalid(args);
    }
}
