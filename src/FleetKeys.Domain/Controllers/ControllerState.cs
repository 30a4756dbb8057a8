using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// A physical controller: where to reach it and which cabinet sits at which bus address. The live connection is
/// the driver's; only this configuration is persisted.
/// </summary>
public sealed record ControllerState(
    ControllerId Id,
    bool Registered,
    string Host,
    int Port,
    OfflinePolicy OfflinePolicy,
    ImmutableDictionary<int, AttachedCabinet> Cabinets) : IEntityState<ControllerState, ControllerCommand, ControllerEvent>, IFleetKeysMessage
{
    public static ControllerState Empty(ControllerId id) =>
        new(id, false, "", 0, OfflinePolicy.DenyAll, ImmutableDictionary<int, AttachedCabinet>.Empty);

    public Decision<ControllerEvent> Decide(ControllerCommand command)
    {
        return command switch
        {
            RegisterController c when Registered && (c.Host, c.Port, c.OfflinePolicy) == (Host, Port, OfflinePolicy) => Decision<ControllerEvent>.Accept(),
            RegisterController c => DecideRegister(c),
            AttachCabinet c => DecideAttach(c),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled controller command"),
        };
    }

    private Decision<ControllerEvent> DecideRegister(RegisterController c)
    {
        if (string.IsNullOrWhiteSpace(c.Host)) return Rejection.Of(RejectionCode.Invalid, "host is required");
        if (c.Port is < 1 or > 65535) return Rejection.Of(RejectionCode.Invalid, "port must be between 1 and 65535");
        return Decision<ControllerEvent>.Accept(new ControllerRegistered(Id, c.Host, c.Port, c.OfflinePolicy, c.At));
    }

    private Decision<ControllerEvent> DecideAttach(AttachCabinet c)
    {
        // A cabinet on a controller nobody registered would sit on a bus nothing ever dials.
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        if (c.BusAddress is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "busAddress must be between 0 and 126");
        var attached = new AttachedCabinet(c.Cabinet, c.RequiresPin);
        if (Cabinets.TryGetValue(c.BusAddress, out var present) && present.Cabinet != c.Cabinet)
            return Rejection.Of(RejectionCode.Conflict, $"bus address {c.BusAddress} of controller {Id} is taken by cabinet {present.Cabinet}");
        return present == attached
            ? Decision<ControllerEvent>.Accept()
            : Decision<ControllerEvent>.Accept(new CabinetAttached(Id, c.BusAddress, c.Cabinet, c.RequiresPin, c.At));
    }

    public ControllerState Apply(ControllerEvent @event) => @event switch
    {
        ControllerRegistered e => this with { Registered = true, Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy },
        CabinetAttached e => this with { Cabinets = Cabinets.SetItem(e.BusAddress, new AttachedCabinet(e.Cabinet, e.RequiresPin)) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled controller event"),
    };
}
