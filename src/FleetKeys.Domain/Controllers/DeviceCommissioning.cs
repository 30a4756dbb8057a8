using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// An operator lets the device at a bus address be commissioned until <c>At + For</c>: while the window is open, the driver
/// accepts that device's offer of the default key SCBK-D once, to send it its own key (osdp_KEYSET). Outside a window a
/// device offering SCBK-D gets no session.
/// </summary>
public sealed record OpenCommissioning(ControllerId Controller, int BusAddress, TimeSpan For, string By, DateTimeOffset At)
    : ControllerCommand(Controller, At), IAsk<ControllerDetails>
{
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);
}

/// <summary>
/// From the driver: the device at the bus address acknowledged its own key, of key generation <c>Generation</c> — the one in
/// force plus one, so a device it replaces, whose key may still be out there, opens no session. Its commissioning window closes.
/// </summary>
public sealed record RecordDeviceCommissioned(ControllerId Controller, int BusAddress, DateTimeOffset At, int Generation = 0)
    : ControllerCommand(Controller, At);

public sealed record CommissioningOpened(ControllerId Controller, int BusAddress, DateTimeOffset Until, string By, DateTimeOffset At)
    : ControllerEvent(Controller, At);

/// <summary>The device took its own key, of <c>Generation</c> (0 in events recorded before commissioning moved the generation on).</summary>
public sealed record DeviceCommissioned(ControllerId Controller, int BusAddress, DateTimeOffset At, int Generation = 0) : ControllerEvent(Controller, At);
