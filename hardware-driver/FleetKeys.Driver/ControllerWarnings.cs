using Akka.Event;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Driver;

/// <summary>A controller's repeated trouble, each kind through a throttle of its own (<see cref="LogThrottle"/>): its connection, and the frames it sends.</summary>
internal sealed class ControllerWarnings(ControllerId controller, TimeSpan interval, TimeProvider clock, ILoggingAdapter log)
{
    private readonly LogThrottle _connection = new(interval);
    private readonly LogThrottle _frames = new(interval);

    public void Connection(string message) => Warn(_connection, message);

    public void Frame(string message) => Warn(_frames, message);

    private void Warn(LogThrottle throttle, string message)
    {
        if (!throttle.ShouldLog(clock.GetUtcNow(), out var heldBack)) return;
        if (heldBack == 0) log.Warning("Controller {0}: {1}", controller, message);
        else log.Warning("Controller {0}: {1} ({2} more like it since the last warning)", controller, message, heldBack);
    }
}
