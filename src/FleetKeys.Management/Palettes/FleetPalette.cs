using System.Diagnostics;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using FleetKeys.Management.Commands;
using FleetKeys.Management.Fleet;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.Answer;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

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

/// <summary>What a change of the fleet's configuration did, in words.</summary>
public sealed record ChangedView(string Message);

/// <summary>
/// The hardware at a glance: controllers and cabinets online or not, one cabinet's slots, and the driver's two levers; and
/// the changes an operator makes on a night call: re-point a controller, re-wire a cabinet, take either out of service,
/// take a key out of its slot. Each change is decided by the entity that owns it, as through the API.
/// </summary>
public sealed class FleetPalette(FleetDirectory directory, IActorRegistry registry, FleetAdmin admin, ControllerNetworks networks, TimeProvider clock)
    : IPalette
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly ArgumentSpec State = ArgumentSpec.Optional("state", "only those 'online' or 'offline'");

    private static readonly ArgumentSpec Controller = ArgumentSpec.Of("controller", "a controller id");

    private static readonly ArgumentSpec Cabinet = ArgumentSpec.Of("cabinet", "a cabinet id");

    public string Name => "fleet";

    public string Summary => "controllers, cabinets and slots";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("controllers", "every controller: connected or not, its cabinets answering", Controllers, State),
        Read("cabinets", "every cabinet: online or not, door, keys out", Cabinets, State),
        Read("slots", "one cabinet's slots and the custody of each key", Slots, Cabinet),
        Read("ping", "ask a controller's driver for its connection, through the cluster; fails when not connected", Ping, Controller),
        Change("resync", "send a connected controller its whole offline allow-list again", Resync, Controller),
        Change("repoint", "point a controller's driver at another address; it redials at once", Repoint, Controller,
            ArgumentSpec.Of("host", "the host name or IP address of the controller's serial server"), ArgumentSpec.Of("port", "its TCP port")),
        Change("commission", "let the device at a bus address of a controller be given its own key (osdp_KEYSET) for a while", Commission,
            Controller, ArgumentSpec.Of("bus", "the bus address, 0-126"), ArgumentSpec.Optional("minutes", "how long the window stays open, 1-60 (default 15)")),
        Change("rotate-key", "give the device at a bus address of a controller its next key (osdp_KEYSET), now or when it next answers", RotateKey,
            Controller, ArgumentSpec.Of("bus", "the bus address, 0-126")),
        Change("move-device", "move the device at a bus address of a controller to another address of its bus (osdp_COMSET), now or when it next answers; its cabinet follows",
            MoveDevice, Controller, ArgumentSpec.Of("bus", "the bus address it answers at, 0-126"), ArgumentSpec.Of("to", "the bus address it is to answer at, 0-126"),
            ArgumentSpec.Optional("baud", $"the baud rate: {string.Join(", ", DeviceMove.BaudRates)} (default: the one it has)")),
        Change("tls", "run a controller's link in TLS 1.3 trusting only its certificate, or 'off' for plain TCP; the driver redials", Tls,
            Controller, ArgumentSpec.Of("thumbprint", "the SHA-256 thumbprint of the controller's certificate (colons allowed), or 'off'")),
        Change("rewire", "wire a cabinet to another controller, or to another bus address of its own", Rewire, Cabinet, Controller,
            ArgumentSpec.Optional("bus", "the bus address, 0-126 (default: the one it has)")),
        DestructiveChange("decommission-controller", "take a controller out of service for good; refused while cabinets are wired to it",
            DecommissionController, Controller),
        DestructiveChange("decommission-cabinet", "take a cabinet out of service; refused while any key is homed in it", DecommissionCabinet,
            Cabinet),
        DestructiveChange("remove-key", "take the key out of a slot for good; refused while it is released or out", RemoveKey,
            ArgumentSpec.Of("slot", "the key's slot: cabinet/slot, e.g. lobby/1")),
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
            .Ask<CabinetDetails>(new GetCabinet(id), AskTimeout, cancellationToken);
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
    /// The driver reloads each cabinet's layout and replaces its allow-list whole (clear, then every entry). An unconnected
    /// controller gets its whole list at its next handshake anyway.
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
        foreach (var cabinet in cabinets) Region.Tell(new ResyncAllowList(id, cabinet));
        return Results.Ok(new ResyncView($"allow-list resync sent to {cabinets.Count} cabinet(s) of controller {id}",
            [.. cabinets.Select(c => c.Value)]));
    }

    private async Task<IResult> Repoint(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        var host = args.Text("host");
        args.Check.Text("host", host, 253).Check(networks.Allows(host), "host", networks.Bound);
        var port = args.Int("port", 0, 1, 65535);
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.ChangeController(id, host, port, null, args.By))
            .ToResult(c => Results.Ok(new ChangedView($"controller {id} is now at {EndpointOf(c)}; its driver redials there at once")));
    }

    private async Task<IResult> Commission(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        var bus = args.Int("bus", 0, 0, 0x7E);
        var minutes = args.OptionalText("minutes") is null ? 15 : args.Int("minutes", 0, 1, 60);
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.OpenCommissioning(id, bus, TimeSpan.FromMinutes(minutes), args.By))
            .ToResult(c => Results.Ok(new ChangedView(
                $"bus address {bus} of controller {id} may be commissioned until {c.Commissioning[bus]:yyyy-MM-dd HH:mm} UTC; its driver gives the device there its own key")));
    }

    private async Task<IResult> RotateKey(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        var bus = args.Int("bus", 0, 0, 0x7E);
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.RotateDeviceKey(id, bus, args.By))
            .ToResult(c => Results.Ok(new ChangedView(
                $"the key of bus address {bus} of controller {id} is to be rotated to generation {c.KeyRotations[bus]}; its driver sends it at the device's next session")));
    }

    private async Task<IResult> MoveDevice(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        var bus = args.Int("bus", 0, 0, 0x7E);
        var to = args.Int("to", 0, 0, 0x7E);
        int? baud = args.OptionalText("baud") is null ? null : args.Int("baud", 0, 0, int.MaxValue);
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.MoveDevice(id, bus, to, baud, args.By))
            .ToResult(c => Results.Ok(new ChangedView(
                $"the device at bus address {bus} of controller {id} is to move to bus address {to} at {c.DeviceMoves[bus].BaudRate} baud; " +
                "its driver does it at the device's next session, and its cabinet's wiring follows")));
    }

    private async Task<IResult> Tls(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        var thumbprint = args.Text("thumbprint");
        if (!args.Check.IsValid) return args.Check.Problem();
        var off = thumbprint.Equals("off", StringComparison.OrdinalIgnoreCase);
        return (await admin.SetControllerTls(id, off ? null : thumbprint, args.By))
            .ToResult(c => Results.Ok(new ChangedView(c.TlsThumbprint is { } pinned
                ? $"controller {id} is dialled in TLS 1.3, trusting only the certificate with SHA-256 {pinned}; its driver redials at once"
                : $"controller {id} is dialled in plain TCP; its driver redials at once")));
    }

    private async Task<IResult> Rewire(CommandArguments args, CancellationToken _)
    {
        var cabinet = args.Id<CabinetId>("cabinet");
        var controller = args.Id<ControllerId>("controller");
        int? bus = args.OptionalText("bus") is null ? null : args.Int("bus", 0, 0, 0x7E);
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.ChangeCabinet(cabinet, controller, bus, null, args.By))
            .ToResult(c => Results.Ok(new ChangedView($"cabinet {cabinet} is now at bus address {c.BusAddress} of controller {c.Controller}")));
    }

    private async Task<IResult> DecommissionController(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<ControllerId>("controller");
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.DecommissionController(id, args.By))
            .ToResult(_ => Results.Ok(new ChangedView($"controller {id} is decommissioned: its driver has stopped and no node runs it again")));
    }

    private async Task<IResult> DecommissionCabinet(CommandArguments args, CancellationToken _)
    {
        var id = args.Id<CabinetId>("cabinet");
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.DecommissionCabinet(id, args.By))
            .ToResult(_ => Results.Ok(new ChangedView($"cabinet {id} is decommissioned and has left its controller's bus")));
    }

    private async Task<IResult> RemoveKey(CommandArguments args, CancellationToken _)
    {
        var slot = args.Id<SlotId>("slot");
        if (!args.Check.IsValid) return args.Check.Problem();
        return (await admin.RemoveKey(slot, args.By)).ToResult(_ => Results.Ok(new ChangedView($"slot {slot} has no key any more")));
    }

    /// <summary>
    /// Controllers are remembered entities, so a registered one is always running; asking an unknown id would start (and
    /// remember) one for good, which is why its location is looked up first.
    /// </summary>
    private async Task<ControllerDetails?> Registered(ControllerId id, CancellationToken cancellationToken)
    {
        var location = await Region.Ask<EntityLocation>(new GetEntityLocation(id.Value, AskTimeout), AskTimeout * 2, cancellationToken);
        if (!location.EntityRef.HasValue) return null;
        var controller = await Region.Ask<ControllerDetails>(new GetController(id), AskTimeout, cancellationToken);
        return controller.Registered ? controller : null;
    }

    private static Task<IResult> NotRegistered(ControllerId id) => Problem(StatusCodes.Status404NotFound, $"controller {id} does not exist");

    private Task<DriverStatus> DriverOf(ControllerId id, CancellationToken cancellationToken) =>
        Region.Ask<DriverStatus>(new GetDriverStatus(id), AskTimeout, cancellationToken);

    private static string? EndpointOf(ControllerDetails c) => c.Registered ? $"{c.Host}:{c.Port}" : null;

    private static IReadOnlyList<string>? Incomplete(IReadOnlyList<string> unanswered) => unanswered.Count == 0 ? null : unanswered;
}
