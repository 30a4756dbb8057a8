using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

/// <summary>osdp_COMSET over TCP: a simulated device moves to the address it is given, keyed as osdp_KEYSET keyed it.</summary>
public sealed class CommunicationSetTests
{
    [Fact]
    public async Task A_cabinet_answers_COM_at_its_old_address_then_only_at_the_new_one_under_the_key_KEYSET_gave_it()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var cabinet = rig.Cabinet(1);
        var keyAtFive = Scbk.Derive(rig.Secret, 5, generation: 1);
        var panel = await rig.OnlineAsync(1);

        Assert.IsType<Ack>(await panel.SendAsync(1, new KeySet(keyAtFive)));
        Assert.Equal(new CommunicationSettings(5, 38400), await panel.SendAsync(1, new CommunicationSet(5, 38400)));

        Assert.Equal((5, 38400u), (cabinet.BusAddress, cabinet.BaudRate));
        Assert.Same(cabinet, rig.Controller.Cabinet(5));
        Assert.Throws<KeyNotFoundException>(() => rig.Controller.Cabinet(1));
        Assert.Equal(new PanelStep.Rejected(ProtocolError.HandshakeFailed), await panel.HandshakeAsync(5));
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(5, keyAtFive));
        Assert.IsType<Ack>(await panel.PollAsync(5));
        Assert.IsType<DeviceIdentification>(await panel.SendAsync(5, new IdRequest()));
    }

    [Theory]
    [InlineData(2, 38400u)]
    [InlineData(0x7F, 38400u)]
    [InlineData(5, 14400u)]
    public async Task Settings_it_cannot_take_are_answered_with_its_present_ones_and_the_session_goes_on(byte address, uint baudRate)
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var panel = await rig.OnlineAsync(1);

        Assert.Equal(new CommunicationSettings(1, 9600), await panel.SendAsync(1, new CommunicationSet(address, baudRate)));

        Assert.Equal(1, rig.Cabinet(1).BusAddress);
        Assert.Equal(2, rig.Cabinet(2).BusAddress);
        Assert.IsType<Ack>(await panel.PollAsync(1));
    }

    [Fact]
    public async Task A_stock_reader_moves_as_a_board_does()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var reader = rig.Controller.ReaderOf(Rig.CabinetId(1));
        var panel = await rig.OnlineAsync(Rig.ReaderAddress(1));

        Assert.IsType<Ack>(await panel.SendAsync(Rig.ReaderAddress(1), new KeySet(Scbk.Derive(rig.Secret, 0x50))));
        Assert.Equal(new CommunicationSettings(0x50, 9600), await panel.SendAsync(Rig.ReaderAddress(1), new CommunicationSet(0x50, 9600)));

        Assert.Equal(0x50, reader.BusAddress);
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(0x50));
        Assert.IsType<Ack>(await panel.PollAsync(0x50));
    }

    [Fact]
    public async Task COMSET_in_the_clear_is_refused_and_moves_nothing()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var panel = await rig.OnlineAsync(1);

        var answer = await panel.ExchangeAsync(Packet.Encode(2, 0, (byte)CommandCode.CommunicationSet, new CommunicationSet(5, 9600).EncodeData()));

        Assert.Equal(new Nak(NakCode.SecurityConditionsNotMet), Reply.DecodeData(answer.Code, answer.Data.Span).Message);
        Assert.Equal(2, rig.Cabinet(2).BusAddress);
        Assert.Throws<KeyNotFoundException>(() => rig.Controller.Cabinet(5));
    }
}
