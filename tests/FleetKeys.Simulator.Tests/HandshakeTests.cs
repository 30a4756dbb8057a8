using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task A_panel_with_the_controllers_secret_opens_a_session_on_each_address()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var panel = await rig.ConnectAsync();

        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(1));
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(2));
        Assert.IsType<Ack>(await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(2));
        Assert.True(rig.Cabinet(1).IsSessionEstablished);
        Assert.True(rig.Cabinet(2).IsSessionEstablished);
    }

    [Fact]
    public async Task A_panel_with_another_secret_finds_the_controllers_proof_wrong()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.ConnectAsync();

        var step = await panel.HandshakeAsync(1, ControllerSecret.Generate());

        Assert.Equal(new PanelStep.Rejected(ProtocolError.HandshakeFailed), step);
        Assert.False(rig.Cabinet().IsSessionEstablished);
    }

    [Fact]
    public async Task A_wrong_server_cryptogram_gets_a_plain_NAK_and_no_session()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.ConnectAsync();
        var challenger = new PanelChannel(1, ControllerSecret.Generate());
        await panel.ExchangeAsync(challenger.StartHandshake());

        var forged = Packet.Encode(1, 1, (byte)CommandCode.ServerCryptogram, new ServerCryptogram(new byte[16]).EncodeData(),
            new SecurityBlock(SecurityBlockType.ServerCryptogram, new byte[] { 0x01 }));
        var answer = await panel.ExchangeAsync(forged);

        Assert.Null(answer.Security);
        Assert.Equal(new Nak(NakCode.SecurityConditionsNotMet), Reply.DecodeData(answer.Code, answer.Data.Span).Message);
        Assert.False(rig.Cabinet().IsSessionEstablished);
        Assert.Equal(1, rig.Cabinet().Counters.Count(ProtocolError.HandshakeFailed));
    }

    [Fact]
    public async Task A_command_without_a_session_gets_a_plain_NAK_and_is_counted()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.ConnectAsync();

        var answer = await panel.ExchangeAsync(Packet.Encode(1, 0, (byte)CommandCode.Poll, []));

        Assert.Equal(new Nak(NakCode.SecurityConditionsNotMet), Reply.DecodeData(answer.Code, answer.Data.Span).Message);
        Assert.Equal(0x81, answer.Address);
        var counters = rig.Cabinet().Counters;
        Assert.Equal((1, 1, 1), (counters.Frames, counters.Naks, counters.Count(ProtocolError.NoSession)));
        Assert.False(rig.Cabinet().IsOnline);
    }
}
