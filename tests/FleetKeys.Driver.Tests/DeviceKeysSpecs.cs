using FleetKeys.Driver.Cabinets;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// Key rotation on the driver's side: the next generation goes to a device that still holds the old one, is recorded once
/// acknowledged, and a device whose acknowledgement was lost with the connection is recognised by the key it proves.
/// </summary>
public sealed class DeviceKeysSpecs
{
    private static readonly (int?, KeySet?) Nothing = (null, null);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private readonly PeripheralChannel _device;

    public DeviceKeysSpecs() => _device = new PeripheralChannel(1, Scbk.Derive(_secret, 1, 3));

    private byte[]? Deliver(byte[] frame) => _device.Receive(Packet.Parse(frame).Packet!, _ => new Ack()).Response;

    /// <summary>The whole handshake, CHLNG to RMAC_I, on a fresh channel.</summary>
    private PanelChannel Session(DeviceKeys keys)
    {
        var panel = keys.NewChannel();
        var step = panel.Receive(Packet.Parse(Deliver(panel.StartHandshake())!).Packet!);
        step = panel.Receive(Packet.Parse(Deliver(Assert.IsType<PanelStep.SendNext>(step).Frame)!).Packet!);
        Assert.IsType<PanelStep.Established>(step);
        return panel;
    }

    [Fact]
    public void Without_a_rotation_the_key_in_force_opens_the_session_and_nothing_is_sent_or_recorded()
    {
        var keys = new DeviceKeys(1, _secret, 3, rotatingTo: null);

        var panel = Session(keys);

        Assert.Equal(Scbk.Derive(_secret, 1, 3), panel.Key);
        Assert.Equal(Nothing, keys.AfterHandshake(panel.Key));
    }

    [Fact]
    public void A_device_on_the_old_generation_is_sent_the_new_one_first_and_its_acknowledgement_records_it()
    {
        var keys = new DeviceKeys(1, _secret, 3, rotatingTo: 4);
        var panel = Session(keys);

        var (record, send) = keys.AfterHandshake(panel.Key);

        Assert.Null(record);
        var keySet = Assert.IsType<KeySet>(send);
        var ack = panel.Receive(Packet.Parse(Deliver(panel.Send(keySet))!).Packet!);
        Assert.IsType<Ack>(Assert.IsType<PanelStep.ReplyReceived>(ack).Reply);
        Assert.Equal(4, keys.Acknowledged(keySet));
        Assert.Equal(Scbk.Derive(_secret, 1, 4), _device.Key);
        Assert.Null(keys.Acknowledged(new KeySet(Scbk.Derive(_secret, 1, 3))));
    }

    [Fact]
    public void A_device_whose_acknowledgement_was_lost_proves_the_new_generation_at_the_next_session_which_records_it()
    {
        var keys = new DeviceKeys(1, _secret, 3, rotatingTo: 4);
        var panel = Session(keys);
        Deliver(panel.Send(keys.AfterHandshake(panel.Key).Send!)); // the ACK is lost with the connection

        var again = Session(keys);

        Assert.Equal(Scbk.Derive(_secret, 1, 4), again.Key);
        Assert.Equal(((int?)4, (KeySet?)null), keys.AfterHandshake(again.Key));
    }

    [Fact]
    public void Commissioning_under_the_default_key_is_no_rotation_news() =>
        Assert.Equal(Nothing, new DeviceKeys(1, _secret, 3, rotatingTo: 4).AfterHandshake(Scbk.Default));
}
