using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>From the driver: the controller answers again (its link is up), or has been silent past the driver's offline timeout.</summary>
public sealed record ReportControllerCommunication(ControllerId Controller, bool Answering, DateTimeOffset At) : ControllerCommand(Controller, At);

/// <summary>From the controller's own timer: it may have been out of reach longer than <c>Limit</c>.</summary>
public sealed record NoticeControllerOfflineTooLong(ControllerId Controller, TimeSpan Limit, DateTimeOffset At) : ControllerCommand(Controller, At);

/// <summary>Facts about the controller's reachability, not its configuration: they never restart its driver.</summary>
public abstract record ControllerCommunicationEvent(ControllerId Controller, DateTimeOffset At) : ControllerEvent(Controller, At);

public sealed record ControllerCommunicationLost(ControllerId Controller, DateTimeOffset At) : ControllerCommunicationEvent(Controller, At);

/// <summary>The controller answers again after an outage that began at <c>LostAt</c> and lasted <c>Outage</c>.</summary>
public sealed record ControllerCommunicationRestored(ControllerId Controller, DateTimeOffset LostAt, TimeSpan Outage, DateTimeOffset At)
    : ControllerCommunicationEvent(Controller, At);

/// <summary>The controller has been out of reach since <c>LostAt</c>, longer than the <c>Limit</c> the fleet allows.</summary>
public sealed record ControllerOfflineTooLong(ControllerId Controller, DateTimeOffset LostAt, TimeSpan Limit, DateTimeOffset At)
    : ControllerCommunicationEvent(Controller, At);
