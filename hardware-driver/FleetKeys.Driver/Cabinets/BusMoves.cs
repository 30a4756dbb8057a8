using Akka.Event;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// The device moves waiting on one controller's bus, from its configuration (docs/protocol.md "Moving a device"). In a
/// session at its present address the device gets the key for its new address (osdp_KEYSET, unless it proved it holds it
/// already) and then its new settings (osdp_COMSET); its osdp_COM moves it. Since a COM or an ACK can be lost with the link,
/// while a move waits the driver looks for the device at both addresses: at the old one under either key, and at the new
/// one (a probe, <see cref="CabinetOnBus.MovingFrom"/>) under the new key. Found at the new one, it has moved. No I/O: its
/// owner sends what it queues and tells the controller entity what it returns.
/// </summary>
internal sealed class BusMoves(ControllerState config, ControllerSecret secret, ILoggingAdapter log)
{
    private ControllerId Controller => config.Id;

    /// <summary>The key the device moving away from <paramref name="address"/> takes for its new address; null when none moves from there.</summary>
    public Scbk? NewKeyOf(byte address) =>
        config.DeviceMoves.TryGetValue(address, out var move) ? Scbk.Derive(secret, (byte)move.To, move.Generation) : null;

    /// <summary>The key generation of the device answering at <paramref name="address"/>: a move's when a device is moving there.</summary>
    public int GenerationAt(byte address) =>
        config.DeviceMoves.Values.FirstOrDefault(m => m.To == address)?.Generation ?? config.KeyGeneration(address);

    /// <summary>A probe at the address each move goes to, for the moving device's cabinet, keyed for that address (<paramref name="keys"/>).</summary>
    public IEnumerable<CabinetOnBus> Probes(BusKeys keys) =>
        from move in config.DeviceMoves
        let cabinet = config.Cabinets.TryGetValue(move.Key, out var board) ? board : config.Cabinets.Values.First(a => a.ReaderAddress == move.Key)
        select new CabinetOnBus((byte)move.Value.To, cabinet, keys.NewChannel((byte)move.Value.To)) { MovingFrom = (byte)move.Key };

    /// <summary>
    /// A session opened: at a probe the device has moved; at the address it moves away from, its new key (unless it holds it
    /// already: the KEYSET went through, its ACK or the COMSET did not) and its new settings go ahead of everything.
    /// </summary>
    public ControllerCommand? Established(CabinetOnBus bus, DateTimeOffset now)
    {
        if (bus.MovingFrom is { } from) return Moved(bus, from, bus.Address, "opened a session there", now);
        if (!config.DeviceMoves.TryGetValue(bus.Address, out var move)) return null;
        var newKey = NewKeyOf(bus.Address)!;
        bus.EnqueueFirst(new CommunicationSet((byte)move.To, (uint)move.BaudRate));
        if (!bus.Channel.Key.Equals(newKey)) bus.EnqueueFirst(new KeySet(newKey));
        return null;
    }

    /// <summary>The device's osdp_COM: moved when it names the settings asked for; other settings are the device refusing them.</summary>
    public ControllerCommand? Replied(CabinetOnBus bus, Command? sent, Reply reply, DateTimeOffset now)
    {
        if (sent is not CommunicationSet asked || reply is not CommunicationSettings answered) return null;
        if (answered.Address == asked.Address && answered.BaudRate == asked.BaudRate)
            return Moved(bus, bus.Address, asked.Address, "confirmed by its osdp_COM", now);
        log.Warning("Controller {0}: the device at bus address {1} ({2}) refused to move: {3}", Controller, bus.Address, bus.Cabinet,
            $"asked for bus address {asked.Address} at {asked.BaudRate} baud, it answers at {answered.Address} at {answered.BaudRate} baud");
        return null;
    }

    private RecordDeviceMoved Moved(CabinetOnBus bus, byte from, byte to, string how, DateTimeOffset now)
    {
        log.Info("Controller {0}: the device of cabinet {1} moved from bus address {2} to {3}: {4}", Controller, bus.Cabinet, from, to, how);
        return new RecordDeviceMoved(Controller, from, to, now);
    }
}
