using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// Where a device is to answer, or answers now while its cabinet's wiring catches up: the bus address <paramref name="To"/>,
/// the baud rate, and the key generation it holds there (keys derive from the address, so a moved device takes a new one:
/// the generation after the one in force at <paramref name="To"/>, which no earlier device there held). <paramref name="By"/>
/// asked for it.
/// </summary>
public sealed record DeviceMove(int To, int BaudRate, int Generation, string By) : IFleetKeysMessage
{
    /// <summary>OSDP's default rate: what a device is taken to run at until a move sets another.</summary>
    public const int DefaultBaudRate = 9600;

    /// <summary>The rates OSDP names for a bus (osdp_COMSET).</summary>
    public static IReadOnlyList<int> BaudRates { get; } = [9600, 19200, 38400, 57600, 115200, 230400];
}

/// <summary>
/// An admin moves the device at a bus address to another address of the same bus, and to another baud rate when
/// <paramref name="BaudRate"/> is given (its present one otherwise). The move waits on the controller until the driver has a
/// session with the device, gives it the key for its new address (osdp_KEYSET) and its new settings (osdp_COMSET), and
/// finds it at the new address (<see cref="RecordDeviceMoved"/>); the cabinet's wiring follows then.
/// </summary>
public sealed record MoveDevice(ControllerId Controller, int BusAddress, int To, int? BaudRate, string By, DateTimeOffset At)
    : ControllerCommand(Controller, At), IAsk<ControllerDetails>;

/// <summary>From the driver: the device moving from the bus address answers at its new one (its osdp_COM said so, or it opened a session there).</summary>
public sealed record RecordDeviceMoved(ControllerId Controller, int BusAddress, int To, DateTimeOffset At) : ControllerCommand(Controller, At);

public sealed record DeviceMoveRequested(ControllerId Controller, int BusAddress, DeviceMove Move, DateTimeOffset At) : ControllerEvent(Controller, At);

/// <summary>The device that answered at <paramref name="BusAddress"/> answers at the move's address, under its generation, from now on.</summary>
public sealed record DeviceMoved(ControllerId Controller, int BusAddress, DeviceMove Move, DateTimeOffset At) : ControllerEvent(Controller, At);
