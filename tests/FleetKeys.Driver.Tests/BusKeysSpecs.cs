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
/// Key rotation and commissioning on the driver's side, against a device's real channel: the next generation goes to a device
/// still on the old one and is reported once acknowledged; a device whose acknowledgement was lost with the connection is
/// recognised by the key it proves; a KEYSET under SCBK-D reports the device commissioned.
/// </summary>
public sealed class BusKeysSpecs
{
    private static readonly ControllerId Controller = new("ctl-keys");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private PeripheralChannel _device;

    public BusKeysSpecs() => _device = new PeripheralChannel(1, Scbk.Derive(_secret, 1, 3));

    /// <summary>Bus address 1 on generation 3, rotating to 4 when asked, in a commissioning window when asked.</summary>
    private BusKeys Keys(int? rotatingTo, bool commissioning = false) => new(
        ControllerState.Empty(Controller) with
        {
            Cabinets = [new(1, new AttachedCabinet(CabinetId.Parse("cab-1"), false))],
            KeyGenerations = [new(1, 3)],
            KeyRotations = rotatingTo is { } next ? [new(1, next)] : [],
            Commissioning = commissioning ? [new(1, Now.AddMinutes(10))] : [],
        },
        _secret, NoLogger.Instance);

    private byte[]? Deliver(byte[] frame) => _device.Receive(Packet.Parse(frame).Packet!, _ => new Ack()).Response;

    /// <summary>A connection: a fresh channel (from the keys, or under SCBK-D), the whole handshake, CHLNG to RMAC_I.</summary>
    private CabinetOnBus Connect(PanelChannel channel, CabinetOnBus? bus = null)
    {
        if (bus is null) bus = new CabinetOnBus(1, new AttachedCabinet(CabinetId.Parse("cab-1"), false), channel);
        else bus.Reconnected(channel);
        var step = channel.Receive(Packet.Parse(Deliver(channel.StartHandshake())!).Packet!);
        Assert.IsType<PanelStep.Established>(channel.Receive(Packet.Parse(Deliver(Assert.IsType<PanelStep.SendNext>(step).Frame)!).Packet!));
        return bus;
    }

    /// <summary>The bus's next command, answered by the device (or not, when the ACK is lost).</summary>
    private (Command Sent, Reply? Reply) Exchange(CabinetOnBus bus, bool lost = false)
    {
        var command = bus.Next(RecordingCluster.SentAt);
        var answer = Deliver(bus.Channel.Send(command));
        if (lost) return (command, null);
        return (command, Assert.IsType<PanelStep.ReplyReceived>(bus.Channel.Receive(Packet.Parse(answer!).Packet!)).Reply);
    }

    [Fact]
    public void Without_a_rotation_the_key_in_force_opens_the_session_and_nothing_is_sent_or_reported()
    {
        var keys = Keys(rotatingTo: null);
        var bus = Connect(keys.NewChannel(1));

        Assert.Null(keys.Established(bus, Now));
        Assert.IsType<Poll>(bus.Next(RecordingCluster.SentAt));
    }

    [Fact]
    public void A_device_on_the_old_generation_is_sent_the_new_one_first_and_its_ACK_is_reported()
    {
        var keys = Keys(rotatingTo: 4);
        var bus = Connect(keys.NewChannel(1));

        Assert.Null(keys.Established(bus, Now));
        var (sent, reply) = Exchange(bus);

        Assert.Equal(new KeySet(Scbk.Derive(_secret, 1, 4)), sent);
        Assert.IsType<Ack>(reply);
        Assert.Equal(new RecordDeviceKey(Controller, 1, 4, Now), keys.Acknowledged(bus, (KeySet)sent, Now));
        Assert.Equal(Scbk.Derive(_secret, 1, 4), _device.Key);
    }

    [Fact]
    public void A_device_whose_ACK_was_lost_proves_the_new_generation_at_the_next_session_which_reports_it()
    {
        var keys = Keys(rotatingTo: 4);
        var bus = Connect(keys.NewChannel(1));
        keys.Established(bus, Now);
        Exchange(bus, lost: true);

        Connect(keys.NewChannel(1), bus);

        Assert.Equal(Scbk.Derive(_secret, 1, 4), bus.Channel.Key);
        Assert.Equal(new RecordDeviceKey(Controller, 1, 4, Now), keys.Established(bus, Now));
        Assert.IsType<Poll>(bus.Next(RecordingCluster.SentAt));
    }

    [Fact]
    public void Commissioning_gives_the_device_a_fresh_generation_and_its_ACK_under_the_default_key_reports_it_commissioned()
    {
        _device = new PeripheralChannel(1, Scbk.Default);
        var keys = Keys(rotatingTo: null, commissioning: true);
        var (channel, given) = keys.CommissioningOf(1)!.Begin();
        var bus = Connect(channel);
        bus.EnqueueFirst(given);

        Assert.Null(keys.Established(bus, Now));
        Assert.IsType<Ack>(Exchange(bus).Reply);
        Assert.Equal(new RecordDeviceCommissioned(Controller, 1, Now, 4), keys.Acknowledged(bus, given, Now));
        Assert.Equal(Scbk.Derive(_secret, 1, 4), _device.Key);
        Assert.Null(Keys(rotatingTo: null).CommissioningOf(1));
    }
}
