using FleetKeys.Domain.Controllers;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Which device answers at which bus address, from the controller's configuration: each cabinet's board at its address,
/// and a mixed cabinet's stock reader at its reader address, bound to that board (docs/protocol.md, "A mixed bus"). Every
/// device has a secure channel of its own, keyed for its address (<see cref="BusKeys"/>), and the commissioning window opened
/// for its address. A device that moved answers at its new address until its cabinet's wiring follows
/// (<see cref="ControllerState.AnswersAt"/>), and a device moving is looked for at its new address too (<see cref="BusMoves.Probes"/>).
/// </summary>
internal static class BusDevices
{
    public static Dictionary<byte, CabinetOnBus> From(ControllerState config, BusKeys keys)
    {
        var devices = new Dictionary<byte, CabinetOnBus>();
        foreach (var (wired, cabinet) in config.Cabinets)
        {
            var address = (byte)config.AnswersAt(wired);
            var board = new CabinetOnBus(address, cabinet, keys.NewChannel(address)) { Commissioning = keys.CommissioningOf(address) };
            devices[board.Address] = board;
            if (cabinet.ReaderAddress is not { } wiredReader) continue;
            var readerAddress = (byte)config.AnswersAt(wiredReader);
            var reader = board.AddReader(readerAddress, keys.NewChannel(readerAddress), keys.CommissioningOf(readerAddress));
            devices[reader.Address] = reader;
        }

        foreach (var probe in keys.Moves.Probes(keys)) devices[probe.Address] = probe;
        return devices;
    }

    /// <summary>The boards alone: the cabinets, as allow-lists, locks, inventories and liveness know them.</summary>
    public static List<CabinetOnBus> Boards(IEnumerable<CabinetOnBus> devices) => [.. devices.Where(d => d is { Board: null, MovingFrom: null })];
}
