using FleetKeys.Domain.Controllers;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Which device answers at which bus address, from the controller's configuration: each cabinet's board at its address,
/// and a mixed cabinet's stock reader at its reader address, bound to that board (docs/protocol.md, "A mixed bus"). Every
/// device has a secure channel of its own, keyed for its address, and the commissioning window opened for its address.
/// </summary>
internal static class BusDevices
{
    public static Dictionary<byte, CabinetOnBus> From(ControllerState config, ControllerSecret secret)
    {
        var devices = new Dictionary<byte, CabinetOnBus>();
        foreach (var (address, cabinet) in config.Cabinets)
        {
            var board = new CabinetOnBus((byte)address, cabinet, new PanelChannel((byte)address, secret)) { Commissioning = WindowOf(config, address, secret) };
            devices[board.Address] = board;
            if (cabinet.ReaderAddress is not { } readerAddress) continue;
            var reader = board.AddReader((byte)readerAddress, new PanelChannel((byte)readerAddress, secret), WindowOf(config, readerAddress, secret));
            devices[reader.Address] = reader;
        }

        return devices;
    }

    /// <summary>The boards alone: the cabinets, as allow-lists, locks, inventories and liveness know them.</summary>
    public static List<CabinetOnBus> Boards(IEnumerable<CabinetOnBus> devices) => [.. devices.Where(d => d.Board is null)];

    private static Commissioning? WindowOf(ControllerState config, int address, ControllerSecret secret) =>
        config.Commissioning.TryGetValue(address, out var until) ? new Commissioning((byte)address, Scbk.Derive(secret, (byte)address), until) : null;
}
