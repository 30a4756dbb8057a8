using System.Diagnostics;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using FleetKeys.Api.Management.Commands;
using FleetKeys.Api.Management.Fleet;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Api.Management.Commands.Answer;
using static FleetKeys.Api.Management.Commands.ManagementCommand;

namespace FleetKeys.Api.Management.Palettes;

public sealed record ControllerRow(string Controller, string? Endpoint, bool Connected, int Cabinets, int CabinetsOnline, double? LastRoundTripMs);

public sealed record ControllersView(
    int Connected, int NotConnected, IReadOnlyList<ControllerRow> Controllers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? UnansweredNodes);

public sealed record CabinetRow(string Cabinet, string Site, string Controller, int BusAddress, bool Online, bool DoorOpen, int Slots, int KeysOut);

public sealed record CabinetsView(
    int Online, int Offline, IReadOnlyList<CabinetRow> Cabinets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? UnansweredNodes);

public sealed record CabinetSlotsView(string Cabinet, string Controller, bool Online, bool DoorOpen, IReadOnlyList<CustodyRow> Slots);

public sealed record PingView(string Controller, string Endpoint, bool Connected, int CabinetsOnline, int Cabinets, double ClusterRoundTripMs,
    double? LastWireRoundTripMs);

public sealed record ResyncView(string Message, IReadOnlyList<string> Cabinets);

/// <summary>The hardware at a glance: controllers and cabinets online or not, one cabinet's slots, and the driver's two levers.</summary>
public sealed class FleetPalette(FleetDirectory directory, IActorRegistry registry, TimeProvider clock) : IPalette
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly ArgumentSpec State = ArgumentSpec.Optional("state", "only those 'online' or 'offline'");

    private static readonly ArgumentSpec Controller = ArgumentSpec.Of("controller", "a controller id");

    public string Name => "fleet";

    public string Summary => "controllers, cabinets and slots";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("controllers", "every controller: connected or not, its cabinets answering", Controllers, State),
        Read("cabinets", "every cabinet: online or not, door, keys out", Cabinets, State),
        Read("slots", "one cabinet's slots and the custody of each key", Slots, ArgumentSpec.Of("cabinet", "a cabinet id")),
        Read("ping", "ask a controller's driver for its connection, through the cluster; fails when not connected", Ping, Controller),
        Change("resync", "send a connected controller its whole offline allow-list again", Resync, Controller),
    ];

    private IActorRef Region => registry.Get<ControllerRegion>();

    private async Task<IResult> Controllers(CommandArguments args, CancellationToken cancellationToken)
    {
        var state = args.Choice("state", "online", "offline");
        if (!args.Check.IsValid) return args.Check.Problem();
        var listing = await directory.Controllers(cancellationToken);
        var drivers = await directory.Drivers(listing.Items.Select(c => c.Id), cancellationToken);
        var rows = listing.Items.Zip(drivers, (c, d) => new ControllerRow(c.Id.Value, EndpointOf(c), d.Connected, c.Cabinets.Count,
            d.CabinetsOnline.Count, d.LastRoundTripMs)).ToList();
        return Results.Ok(new ControllersView(rows.Count(r => r.Connected), rows.Count(r => !r.Connected),
            [.. rows.Where(r => state is null || r.Connected == (state == "online"))], Incomplete(listing.Unanswered)));
    }

    private async Task<IResult> Cabinets(CommandArguments args, CancellationToken cancellationToken)
    {
        var state = args.Choice("state", "online", "offline");
        if (!args.Check.IsValid) return args.Check.Problem();
        var listing = await directory.Cabinets(cancellationToken);
        var rows = listing.Items.Select(c => new CabinetRow(c.Id.Value, c.Site.Value, c.Controller.Value, c.BusAddress, c.Online, c.DoorOpen,
            c.SlotCount, c.Summary.Values.Count(s => s.Status == Domain.KeySlots.CustodyStatus.Out))).ToList();
        return Results.Ok(new CabinetsView(rows.Count(r => r.Online), rows.Count(r => !r.Online),
            [.. rows.Where(r => state is null || r.Online == (state == "online"))], Incomplete(listing.Unanswered)));
    }

    private async Task<IResult> Slots(CommandArguments args, CancellationToken cancellationToken)
    {
        var id = args.Id<CabinetId>("cabinet");
        if (!args.Check.IsValid) return args.Check.Problem();
        var cabinet = await registry.Get<FleetKeys.Cluster.Cabinets.CabinetRegion>()
            .Ask<CabinetState>(new GetCabinet(id), AskTimeout, cancellationToken);
        if (!cabinet.Registered) return await Problem(StatusCodes.Status404NotFound, $"cabinet {id} does not exist");
        var custody = await directory.Custody(Enumerable.Range(1, cabinet.SlotCount).Select(cabinet.SlotId), cancellationToken);
        var now = clock.GetUtcNow();
        return Results.Ok(new CabinetSlotsView(id.Value, cabinet.Controller.Value, cabinet.Online, cabinet.DoorOpen,
            [.. custody.Select(s => CustodyRow.Of(s, now))]));
    }

    private async Task<IResult> Ping(CommandArguments args, CancellationToken cancellationToken)
    {
        var id = args.Id<ControllerId>("controller");
        if (!args.Check.IsValid) return args.Check.Problem();
        if (await Registered(id, cancellationToken) is not { } controller) return await NotRegistered(id);
        var watch = Stopwatch.StartNew();
        var driver = await DriverOf(id, cancellationToken);
        var roundTrip = Math.Round(watch.Elapsed.TotalMilliseconds, 2);
        if (!driver.Connected)
            return await Problem(StatusCodes.Status503ServiceUnavailable,
                $"controller {id} is not connected: its driver is dialling {EndpointOf(controller)} (answered in {roundTrip} ms)");
        return Results.Ok(new PingView(id.Value, EndpointOf(controller)!, true, driver.CabinetsOnline.Count, controller.Cabinets.Count,
            roundTrip, driver.LastRoundTripMs));
    }

    /// <summary>
    /// The driver reloads a cabinet's layout and replaces its allow-list whole (clear, then every entry) when told the
    /// cabinet's layout changed; that is the resync. An unconnected controller gets its whole list at its next handshake anyway.
    /// </summary>
    private async Task<IResult> Resync(CommandArguments args, CancellationToken cancellationToken)
    {
        var id = args.Id<ControllerId>("controller");
        if (!args.Check.IsValid) return args.Check.Problem();
        if (await Registered(id, cancellationToken) is not { } controller) return await NotRegistered(id);
        if (!(await DriverOf(id, cancellationToken)).Connected)
            return await Problem(StatusCodes.Status503ServiceUnavailable,
                $"controller {id} is not connected; it receives its whole allow-list when it connects");
        var cabinets = controller.Cabinets.OrderBy(c => c.Key).Select(c => c.Value.Cabinet).ToList();
        foreach (var cabinet in cabinets) Region.Tell(new CabinetLayoutChanged(id, cabinet));
        return Results.Ok(new ResyncView($"allow-list resync sent to {cabinets.Count} cabinet(s) of controller {id}",
            [.. cabinets.Select(c => c.Value)]));
    }

    /// <summary>
    /// Controllers are remembered entities, so a registered one is always running; asking an unknown id would start (and
    /// remember) one for good, which is why its location is looked up first.
    /// </summary>
    private async Task<ControllerState?> Registered(ControllerId id, CancellationToken cancellationToken)
    {
        var location = await Region.Ask<EntityLocation>(new GetEntityLocation(id.Value, AskTimeout), AskTimeout * 2, cancellationToken);
        if (!location.EntityRef.HasValue) return null;
        var controller = await Region.Ask<ControllerState>(new GetController(id), AskTimeout, cancellationToken);
        return controller.Registered ? controller : null;
    }

    private static Task<IResult> NotRegistered(ControllerId id) => Problem(StatusCodes.Status404NotFound, $"controller {id} does not exist");

    private Task<DriverStatus> DriverOf(ControllerId id, CancellationToken cancellationToken) =>
        Region.Ask<DriverStatus>(new GetDriverStatus(id), AskTimeout, cancellationToken);

    private static string? EndpointOf(ControllerState c) => c.Registered ? $"{c.Host}:{c.Port}" : null;

    private static IReadOnlyList<string>? Incomplete(IReadOnlyList<string> unanswered) => unanswered.Count == 0 ? null : unanswered;
}
