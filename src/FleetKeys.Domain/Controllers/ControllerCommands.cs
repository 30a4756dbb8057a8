using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

public interface IControllerMessage : IFleetKeysMessage
{
    ControllerId Controller { get; }
}

public abstract record ControllerCommand(ControllerId Controller, DateTimeOffset At) : IControllerMessage;

/// <summary>Where the controller's serial server listens; the driver dials it.</summary>
public sealed record RegisterController(ControllerId Controller, string Host, int Port, OfflinePolicy OfflinePolicy, DateTimeOffset At)
    : ControllerCommand(Controller, At);

/// <summary>A cabinet wired to this controller's bus at an address; the driver asks for a PIN after the badge when required.</summary>
public sealed record AttachCabinet(ControllerId Controller, int BusAddress, CabinetId Cabinet, bool RequiresPin, DateTimeOffset At)
    : ControllerCommand(Controller, At);

public sealed record GetController(ControllerId Controller) : IControllerMessage;

/// <summary>A cabinet's keys changed: the driver re-reads its layout and rebuilds its allow-list. No reply.</summary>
public sealed record CabinetLayoutChanged(ControllerId Controller, CabinetId Cabinet) : IControllerMessage;
