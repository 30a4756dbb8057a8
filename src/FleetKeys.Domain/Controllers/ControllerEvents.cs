using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

public abstract record ControllerEvent(ControllerId Controller, DateTimeOffset At) : IFleetKeysMessage;

public sealed record ControllerRegistered(
    ControllerId Controller, string Host, int Port, OfflinePolicy OfflinePolicy, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null)
    : ControllerEvent(Controller, At);

/// <summary>The cabinet's board at <paramref name="BusAddress"/>, and the stock reader at <paramref name="ReaderAddress"/> when it has one.</summary>
public sealed record CabinetAttached(
    ControllerId Controller, int BusAddress, CabinetId Cabinet, bool RequiresPin, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ReaderAddress = null)
    : ControllerEvent(Controller, At);

public sealed record ControllerChanged(ControllerId Controller, string Host, int Port, OfflinePolicy OfflinePolicy, string By, DateTimeOffset At)
    : ControllerEvent(Controller, At);

public sealed record ControllerDecommissioned(ControllerId Controller, string By, DateTimeOffset At) : ControllerEvent(Controller, At);

public sealed record CabinetDetached(ControllerId Controller, int BusAddress, CabinetId Cabinet, DateTimeOffset At) : ControllerEvent(Controller, At);
