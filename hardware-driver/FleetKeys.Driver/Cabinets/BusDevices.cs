using FleetKeys.Domain.Controllers;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Which device answers at which bus address, from the controller's configuration: each cabinet's board at its address,
/// and a mixed cabinet's stock reader at its reader address, bound to that board (docs/protocol.md, "A mixed bus"). Every
/// device has a secure channel of its own, keyed for its address (<see cref="BusKeys"/>), and the commissioning window opened
/// for its address.
/// </summary>
internal static class BusDevices
{
    public static Dictionary<byte, CabinetOnBus> From(ControllerState config, BusKeys keys)
    {
        var devices = new Dictionary<byte, CabinetOnBus>();
        foreach (var (address, cabinet) in config.Cabinets)
        {
            var board = new CabinetOnBus((byte)address, cabinet, keys.NewChannel((byte)address)) { Commissioning = keys.CommissioningOf((byte)address) };
            devices[board.Address] = board;
            if (cabinet.ReaderAddress is not { } readerAddress) continue;
            var reader = board.AddReader((byte)readerAddress, keys.NewChannel((byte)readerAddress), keys.CommissioningOf((byte)readerAddress));
            devices[reader.Address] = reader;
        }

        return devices;
    }

    /// <summary>The boards alone: the cabinets, as allow-lists, locks, inventories and liveness know them.</summary>
    public static List<CabinetOnBus> Boards(IEnumerable<CabinetOnBus> devices) => [.. devices.Where(d => d.Board is null)];
}
