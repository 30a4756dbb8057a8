using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// An admin asks for a new key for the device at a bus address: its next generation. The rotation waits on the
/// controller until the driver has a session with the device (at once if it is online, when it comes back if not), sends
/// it the new key (osdp_KEYSET) and records its acknowledgement (<see cref="RecordDeviceKey"/>).
/// </summary>
public sealed record RotateDeviceKey(ControllerId Controller, int BusAddress, string By, DateTimeOffset At)
    : ControllerCommand(Controller, At), IAsk<ControllerDetails>;

/// <summary>
/// From the driver: the device at the bus address holds the key of <c>Generation</c> — it acknowledged the KEYSET, or
/// proved that key when a session started (the acknowledgement was lost with the connection).
/// </summary>
public sealed record RecordDeviceKey(ControllerId Controller, int BusAddress, int Generation, DateTimeOffset At) : ControllerCommand(Controller, At);

public sealed record KeyRotationRequested(ControllerId Controller, int BusAddress, int Generation, string By, DateTimeOffset At)
    : ControllerEvent(Controller, At);

public sealed record DeviceKeyRotated(ControllerId Controller, int BusAddress, int Generation, DateTimeOffset At) : ControllerEvent(Controller, At);
