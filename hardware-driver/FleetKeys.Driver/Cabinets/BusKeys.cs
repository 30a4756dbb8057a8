using Akka.Event;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// The keys of the devices on one controller's bus, from its configuration (generations, waiting rotations, commissioning
/// windows), and what the driver reports about them to the controller entity: a device commissioned under SCBK-D, a device
/// on its next key generation. No I/O: its owner sends the KEYSETs it queues and tells the controller what it returns.
/// </summary>
internal sealed class BusKeys
{
    private readonly ControllerState _config;
    private readonly ControllerSecret _secret;
    private readonly Dictionary<byte, DeviceKeys> _devices = [];
    private readonly ILoggingAdapter _log;

    public BusKeys(ControllerState config, ControllerSecret secret, ILoggingAdapter log) => (_config, _secret, _log) = (config, secret, log);

    private ControllerId Controller => _config.Id;

    /// <summary>Any bus address the driver talks to has its keys: a cabinet's board, or another device of the bus.</summary>
    private DeviceKeys Device(byte address)
    {
        if (!_devices.TryGetValue(address, out var keys))
            _devices[address] = keys = new DeviceKeys(address, _secret, _config.KeyGeneration(address),
                _config.KeyRotations.TryGetValue(address, out var next) ? next : null);
        return keys;
    }

    /// <summary>A new secure channel to the device at <paramref name="address"/>, offering the key(s) it may hold.</summary>
    public PanelChannel NewChannel(byte address) => Device(address).NewChannel();

    /// <summary>The operator's commissioning window for the device, if one is open: it is given a fresh key generation.</summary>
    public Commissioning? CommissioningOf(byte address) => _config.Commissioning.TryGetValue(address, out var until)
        ? new Commissioning(address, Scbk.Derive(_secret, address, Device(address).Fresh), until)
        : null;

    /// <summary>
    /// A session opened: while a rotation waits, a device already on the new key is recorded (its ACK was lost), and one
    /// still on the old key is sent the new one ahead of everything.
    /// </summary>
    public ControllerCommand? Established(CabinetOnBus bus, DateTimeOffset now)
    {
        var (record, send) = Device(bus.Address).AfterHandshake(bus.Channel.Key);
        if (send is not null) bus.EnqueueFirst(send);
        return record is { } generation ? Holds(bus, generation, "proved in its handshake (the acknowledgement was lost)", now) : null;
    }

    /// <summary>
    /// The device acknowledged a key: its own, commissioned under SCBK-D (the window closes), or a rotation's next generation.
    /// Either is recorded (and audited) on the controller, which restarts the driver: the next session runs on the new key.
    /// </summary>
    public ControllerCommand? Acknowledged(CabinetOnBus bus, KeySet keySet, DateTimeOffset now)
    {
        if (bus.Channel.Key.IsDefault)
        {
            _log.Info("Controller {0}: the device at bus address {1} ({2}) took its own key (KEYSET)", Controller, bus.Address, bus.Cabinet);
            return new RecordDeviceCommissioned(Controller, bus.Address, now, Device(bus.Address).Fresh);
        }

        return Device(bus.Address).Acknowledged(keySet) is { } generation ? Holds(bus, generation, "acknowledged", now) : null;
    }

    private RecordDeviceKey Holds(CabinetOnBus bus, int generation, string how, DateTimeOffset now)
    {
        _log.Info("Controller {0}: the device at bus address {1} ({2}) holds key generation {3}: {4}", Controller, bus.Address, bus.Cabinet, generation, how);
        return new RecordDeviceKey(Controller, bus.Address, generation, now);
    }
}
