using Akka.Event;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// A device moved to another bus address on the driver's side, against a device's real channel that obeys osdp_COMSET as
/// the simulator does: the key for the new address, then the new settings, and the device's osdp_COM reported; a lost ACK
/// or a lost COM recovered by looking for the device at both addresses.
/// </summary>
public sealed class BusMovesSpecs
{
    private static readonly ControllerId Controller = new("ctl-moves");
    private static readonly CabinetId Cabinet = CabinetId.Parse("cab-1");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private PeripheralChannel _device;

    public BusMovesSpecs() => _device = new PeripheralChannel(1, Scbk.Derive(_secret, 1, 3));

    /// <summary>Bus address 1 on generation 3, moving to 5 at 38400 baud (generation 2 there: a device at 5 once held 1).</summary>
    private ControllerState Config => ControllerState.Empty(Controller) with
    {
        Cabinets = [new(1, new AttachedCabinet(Cabinet, false))],
        KeyGenerations = [new(1, 3), new(5, 1)],
        DeviceMoves = [new(1, new DeviceMove(5, 38400, 2, "ops"))],
    };

    private Scbk NewKey => Scbk.Derive(_secret, 5, 2);

    /// <summary>The device: it answers COMSET with COM and from then on only at the new address, under the key it holds.</summary>
    private byte[]? Deliver(byte[] frame)
    {
        CommunicationSet? moving = null;
        var answer = _device.Receive(Packet.Parse(frame).Packet!, command =>
        {
            moving = command as CommunicationSet;
            return moving is { } set ? new CommunicationSettings(set.Address, set.BaudRate) : new Ack();
        }).Response;
        if (moving is not null) _device = new PeripheralChannel(moving.Address, _device.Key);
        return answer;
    }

    private static CabinetOnBus Connect(CabinetOnBus bus, Func<byte[], byte[]?> deliver)
    {
        var step = bus.Channel.Receive(Packet.Parse(deliver(bus.Channel.StartHandshake())!).Packet!);
        Assert.IsType<PanelStep.Established>(bus.Channel.Receive(Packet.Parse(deliver(Assert.IsType<PanelStep.SendNext>(step).Frame)!).Packet!));
        return bus;
    }

    private CabinetOnBus Connect(CabinetOnBus bus) => Connect(bus, Deliver);

    private (Command Sent, Reply? Reply) Exchange(CabinetOnBus bus, bool lost = false)
    {
        var command = bus.Next(RecordingCluster.SentAt);
        var answer = Deliver(bus.Channel.Send(command));
        if (lost) return (command, null);
        return (command, Assert.IsType<PanelStep.ReplyReceived>(bus.Channel.Receive(Packet.Parse(answer!).Packet!)).Reply);
    }

    private Dictionary<byte, CabinetOnBus> Devices(ControllerState config, out BusKeys keys)
    {
        keys = new BusKeys(config, _secret, NoLogger.Instance);
        return BusDevices.From(config, keys);
    }

    /// <summary>The rates a move may ask for are the ones osdp_COMSET can carry: the domain and the wire list them apart.</summary>
    [Fact]
    public void A_move_asks_only_for_rates_the_wire_carries() =>
        Assert.Equal(CommunicationSet.BaudRates, DeviceMove.BaudRates.Select(rate => (uint)rate));

    [Fact]
    public void In_a_session_at_its_old_address_the_device_gets_the_key_for_its_new_one_then_COMSET_and_its_COM_reports_the_move()
    {
        var devices = Devices(Config, out var keys);
        var bus = Connect(devices[1]);

        Assert.Null(keys.Moves.Established(bus, Now));
        var (keySet, ack) = Exchange(bus);
        var (comSet, com) = Exchange(bus);

        Assert.Equal((new KeySet(NewKey), (Reply?)new Ack()), (keySet, ack));
        Assert.Equal(new CommunicationSet(5, 38400), comSet);
        Assert.Null(keys.Acknowledged(bus, (KeySet)keySet, Now));
        Assert.Equal(new RecordDeviceMoved(Controller, 1, 5, Now), keys.Moves.Replied(bus, comSet, com!, Now));
        Assert.Equal((5, NewKey), (_device.BusAddress, _device.Key));
    }

    [Fact]
    public void A_lost_COM_is_recovered_by_the_probe_at_the_new_address_whose_session_reports_the_move()
    {
        var devices = Devices(Config, out var keys);
        var bus = Connect(devices[1]);
        keys.Moves.Established(bus, Now);
        Exchange(bus);
        Exchange(bus, lost: true);

        var probe = devices[5];
        Assert.Equal((byte?)1, probe.MovingFrom);
        Connect(probe);

        Assert.Equal(NewKey, probe.Channel.Key);
        Assert.Equal(new RecordDeviceMoved(Controller, 1, 5, Now), keys.Moves.Established(probe, Now));
        Assert.Equal([devices[1]], BusDevices.Boards(devices.Values));
    }

    [Fact]
    public void A_device_that_took_the_new_key_but_not_COMSET_proves_it_at_its_old_address_and_gets_COMSET_alone()
    {
        var devices = Devices(Config, out var keys);
        var bus = Connect(devices[1]);
        keys.Moves.Established(bus, Now);
        Exchange(bus, lost: true);

        bus.Reconnected(keys.NewChannel(1));
        Connect(bus);

        Assert.Equal(NewKey, bus.Channel.Key);
        Assert.Null(keys.Moves.Established(bus, Now));
        Assert.Equal(new CommunicationSet(5, 38400), bus.Next(RecordingCluster.SentAt));
    }

    [Fact]
    public void A_COM_naming_other_settings_is_the_device_refusing_and_reports_nothing()
    {
        var devices = Devices(Config, out var keys);
        var bus = devices[1];

        Assert.Null(keys.Moves.Replied(bus, new CommunicationSet(5, 38400), new CommunicationSettings(1, 9600), Now));
        Assert.Null(keys.Moves.Replied(bus, new Poll(), new CommunicationSettings(5, 38400), Now));
    }

    [Fact]
    public void A_moved_device_answers_at_its_new_address_on_its_new_key_until_its_cabinet_re_wires()
    {
        _device = new PeripheralChannel(5, NewKey);
        var moved = Config with
        {
            DeviceMoves = [], MovedDevices = [new(1, new DeviceMove(5, 38400, 2, "ops"))], KeyGenerations = [new(1, 3), new(5, 2)],
        };

        var devices = Devices(moved, out var keys);

        Assert.Equal([(byte)5], devices.Keys);
        Connect(devices[5]);
        Assert.Null(keys.Moves.Established(devices[5], Now));
        Assert.Null(keys.Established(devices[5], Now));
    }
}
