using Akka.Event;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Whether the controller and each of its cabinets answer, as the cluster is to be told: a cabinet silent for the offline
/// timeout is reported offline and online again once heard (<see cref="Liveness"/>), and a report the cluster has not taken
/// yet is made again at the next check. The controller answers when a well-formed packet comes from it; its entity, the
/// driver's parent, records the change. Reports go out as messages: a <see cref="CabinetReport"/> to the cabinet,
/// <see cref="ReportControllerCommunication"/> to the parent. A mixed cabinet's stock reader is no cabinet: its silence is a
/// warning, never a report.
/// </summary>
internal sealed class Connectivity(ControllerId controller, IReadOnlyCollection<CabinetOnBus> buses, TimeSpan offlineAfter, TimeProvider clock,
    ILoggingAdapter log)
{
    /// <summary>What the cabinet at <paramref name="Address"/> is to be told; its answer says whether it took it (<see cref="Liveness.Answered"/>).</summary>
    public sealed record CabinetReport(byte Address, ReportConnectivity Command);

    private readonly Liveness _reachable = new();
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private DateTimeOffset? _firstLinkUp;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The driver let go of the controller on purpose (its database is unreachable): nothing is reported meanwhile, since the
    /// journal could not record it anyway.
    /// </summary>
    public bool StandingDown { get; private set; }

    public void StandDown() => StandingDown = true;

    /// <summary>Back from standing down: the silence of the time let go does not count against anyone.</summary>
    public void Resume()
    {
        StandingDown = false;
        _reachable.Excuse(Now);
    }

    /// <summary>
    /// The link to the controller is up. A cabinet is first asked only now, so the silence of one never heard counts from the
    /// first link on: a start slow to connect (a busy node) no longer makes every cabinet not yet polled offline at the first
    /// check and online a moment later, ending the sessions opened meanwhile (docs/benchmarks.md, finding 15). Until then
    /// it counts from the driver's start, so the cabinets of a controller that never connects still go offline.
    /// </summary>
    public void LinkUp() => _firstLinkUp ??= Now;

    /// <summary>A well-formed packet came from the controller, for <paramref name="bus"/> when it completed a cabinet's exchange.</summary>
    public IEnumerable<object> Heard(CabinetOnBus? bus)
    {
        if (Reachable(heard: true) is { } restored) yield return restored;
        if (bus is null || bus.MovingFrom is not null || !bus.Liveness.Heard(Now)) yield break;
        if (bus.Board is null) yield return Tell(bus, true);
        else log.Info("The reader of cabinet {0} at bus address {1} on controller {2} answers", bus.Cabinet, bus.Address, controller);
    }

    /// <summary>The periodic check: silences that make the controller or a cabinet offline, and reports to make again.</summary>
    public IEnumerable<object> Check()
    {
        if (Reachable(heard: false) is { } lost) yield return lost;
        // A probe for a moving device is silent until the device moves: no cabinet's and no reader's silence.
        foreach (var bus in buses.Where(b => b.MovingFrom is null))
        {
            // A cabinet is online while its board answers; a silent stock reader only means no badge can be read there.
            if (bus.Board is not null)
            {
                if (bus.Liveness.Silent(Now, SilentSince, offlineAfter))
                    log.Warning("The reader of cabinet {0} at bus address {1} on controller {2} does not answer: no badge or PIN can be entered there",
                        bus.Cabinet, bus.Address, controller);
                continue;
            }

            if (bus.Liveness.Silent(Now, SilentSince, offlineAfter))
            {
                if (bus.Liveness.WasHeard) log.Warning("Cabinet {0} on controller {1} stopped answering: offline", bus.Cabinet, controller);
                else log.Warning("Cabinet {0} on controller {1} has not answered since {2}: offline", bus.Cabinet, controller,
                    _firstLinkUp is null ? "the driver started" : "the link first came up");
                yield return Tell(bus, false);
            }
            else if (bus.Liveness.Unconfirmed is { } online) yield return Tell(bus, online);
        }
    }

    private DateTimeOffset SilentSince => _firstLinkUp ?? _startedAt;

    private CabinetReport Tell(CabinetOnBus bus, bool online) => new(bus.Address, new ReportConnectivity(bus.Cabinet, online, Now));

    /// <summary>
    /// A link that is accepted and dropped at once, as a dead serial server's, is no answer; a controller with no cabinet is
    /// never polled, so its silence says nothing.
    /// </summary>
    private ReportControllerCommunication? Reachable(bool heard)
    {
        if (StandingDown || buses.Count == 0) return null;
        var changed = heard ? _reachable.Heard(Now) : _reachable.Silent(Now, _startedAt, offlineAfter);
        return changed ? new ReportControllerCommunication(controller, heard, Now) : null;
    }
}
