using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class KeySetTests
{
    private static readonly Scbk Own = Scbk.Derive(ControllerSecret.Generate(), 1);

    [Fact]
    public void KEYSET_in_a_session_gives_the_device_its_key_for_the_next_handshake()
    {
        var link = new Link(1) { Panel = new PanelChannel(1, Scbk.Default), Controller = new PeripheralChannel(1, Scbk.Default) };
        link.Handshake();

        Assert.IsType<Ack>(Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new KeySet(Own))).Reply);

        Assert.Equal(Own, link.Controller.Key);
        Assert.Empty(link.Executed);
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
        link.Panel = new PanelChannel(1, Own);
        link.Handshake();
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
    }

    [Fact]
    public void After_KEYSET_the_default_key_opens_no_session()
    {
        var link = new Link(1) { Panel = new PanelChannel(1, Scbk.Default), Controller = new PeripheralChannel(1, Scbk.Default) };
        link.Handshake();
        link.Exchange(new KeySet(Own));

        var step = link.Return(link.Deliver(link.Panel.StartHandshake()).Response!);

        Assert.Equal(ProtocolError.HandshakeFailed, Assert.IsType<PanelStep.Rejected>(step).Error);
    }

    [Fact]
    public void KEYSET_outside_a_session_is_refused_and_changes_no_key()
    {
        var link = new Link(1) { Controller = new PeripheralChannel(1, Scbk.Default) };
        var plain = Framing.Packet.Encode(1, 0, (byte)CommandCode.KeySet, new KeySet(Own).EncodeData());

        Assert.Equal(ProtocolError.NoSession, link.Deliver(plain).Error);
        Assert.True(link.Controller.Key.IsDefault);
    }

    [Fact]
    public void KEYSET_carries_type_length_and_key_and_never_prints_it()
    {
        var data = new KeySet(Own).EncodeData();
        Assert.Equal([0x01, 0x10], data[..2]);
        Assert.Equal(Own, Assert.IsType<KeySet>(Command.DecodeData((byte)CommandCode.KeySet, data).Message).Key);
        Assert.Equal(ProtocolError.Malformed, Command.DecodeData((byte)CommandCode.KeySet, [0x02, 0x10, .. data[2..]]).Error);
        Assert.DoesNotContain(Convert.ToHexString(data[2..]), new KeySet(Own).ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", new KeySet(Own).ToString());
    }
}
