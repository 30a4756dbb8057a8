using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

public sealed record GetDriverStatus(ControllerId Controller) : IControllerMessage;

/// <summary>
/// The live view of one controller's driver: connection, cabinets answering, its counters since start, and the
/// cluster node that drives it (which moves when that node leaves or dies). <c>SessionRestarts</c>: secure sessions
/// given up after their retransmissions and started over (replies lost on the line with the connection up); last, with a
/// default, so a node of the previous version still answers.
/// </summary>
public sealed record DriverStatus(
    ControllerId Controller,
    bool Connected,
    IReadOnlyList<CabinetId> CabinetsOnline,
    long FramesSent,
    long FramesReceived,
    long FramesRejected,
    long Naks,
    long Timeouts,
    long Reconnects,
    long AuthenticationFailures,
    double? LastRoundTripMs,
    string? Node = null,
    long SessionRestarts = 0) : IFleetKeysMessage
{
    public static DriverStatus NotDriven(ControllerId controller) => new(controller, false, [], 0, 0, 0, 0, 0, 0, 0, null);
}
