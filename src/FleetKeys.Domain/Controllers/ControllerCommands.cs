using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

public interface IControllerMessage : IFleetKeysMessage
{
    ControllerId Controller { get; }
}

public abstract record ControllerCommand(ControllerId Controller, DateTimeOffset At) : IControllerMessage;

/// <summary>Where the controller's serial server listens; the driver dials it.</summary>
public sealed record RegisterController(ControllerId Controller, string Host, int Port, OfflinePolicy OfflinePolicy, DateTimeOffset At, string? By = null)
    : ControllerCommand(Controller, At);

/// <summary>
/// A cabinet wired to this controller's bus at an address; the driver asks for a PIN after the badge when required. With
/// <paramref name="ReaderAddress"/>, a stock OSDP reader at that address of the same bus reads its badges and PINs; without
/// it, a cabinet re-wired on this controller keeps the reader it had here, unless <paramref name="WithoutReader"/> takes it away.
/// </summary>
public sealed record AttachCabinet(
    ControllerId Controller, int BusAddress, CabinetId Cabinet, bool RequiresPin, DateTimeOffset At, int? ReaderAddress = null, bool WithoutReader = false)
    : ControllerCommand(Controller, At), IAsk<ControllerDetails>;

/// <summary>
/// Re-points the controller (its serial server moved, or its address was typed wrong) or changes its offline policy;
/// a field left null stays as it is. The driver redials the new address at once.
/// </summary>
public sealed record ChangeController(ControllerId Controller, string? Host, int? Port, OfflinePolicy? OfflinePolicy, string By, DateTimeOffset At)
    : ControllerCommand(Controller, At);

/// <summary>Takes the controller out of service for good: its driver stops and it is no longer remembered by the cluster.</summary>
public sealed record DecommissionController(ControllerId Controller, string By, DateTimeOffset At) : ControllerCommand(Controller, At);

/// <summary>
/// The cabinet at this bus address has left the bus (decommissioned, or wired elsewhere); from its cabinet, which decided it.
/// Another cabinet at the address by then stays.
/// </summary>
public sealed record DetachCabinet(ControllerId Controller, int BusAddress, CabinetId Cabinet, DateTimeOffset At) : ControllerCommand(Controller, At);

public sealed record GetController(ControllerId Controller) : IControllerMessage;

/// <summary>A cabinet's keys changed: the driver re-reads its layout and sends the allow-list entries it changes. No reply.</summary>
public sealed record CabinetLayoutChanged(ControllerId Controller, CabinetId Cabinet) : IControllerMessage;

/// <summary>An operator doubts a cabinet's allow-list: the driver clears it and sends it whole again. No reply.</summary>
public sealed record ResyncAllowList(ControllerId Controller, CabinetId Cabinet) : IControllerMessage;

/// <summary>Asks the cabinet for the tags it holds now; its answer is reported to the cabinet entity as an inventory.</summary>
public sealed record TakeInventory(ControllerId Controller, CabinetId Cabinet) : IControllerMessage;
