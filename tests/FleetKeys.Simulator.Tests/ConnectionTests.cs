using FleetKeys.Protocol;
using System.Net.Sockets;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task Frames_for_several_addresses_in_one_write_are_answered_in_turn_and_the_answers_leave_in_one_write()
    {
        await using var rig = await Rig.StartAsync(cabinets: 3);
        var panel = await rig.OnlineAsync(1, 2, 3);
        Assert.Equal(InputOutcome.Reported, rig.Cabinet(2).PresentBadge(ByteString.FromHex("04A1B2C3")));

        await panel.WriteAsync([.. panel.Channel(3).Send(new Poll()), .. panel.Channel(1).Send(new Poll()), .. panel.Channel(2).Send(new Poll())]);
        var answers = await panel.ReadTogetherAsync();

        Assert.Equal([3, 1, 2], answers.Select(a => a.BusAddress));
        var replies = answers.Select(a => Assert.IsType<PanelStep.ReplyReceived>(panel.Channel(a.BusAddress).Receive(a)).Reply).ToList();
        Assert.Equal([typeof(Ack), typeof(Ack), typeof(CardRead)], replies.Select(r => r.GetType()));
    }

    [Fact]
    public async Task A_new_connection_replaces_the_old_one_at_once()
    {
        await using var rig = await Rig.StartAsync();
        var lingering = await rig.OnlineAsync();

        var takeover = await rig.OnlineAsync();

        Assert.True(await lingering.IsClosedAsync());
        Assert.IsType<Ack>(await takeover.PollAsync(1));
        Assert.Equal(2, rig.Controller.Counters.Connections);
    }

    [Fact]
    public async Task Connections_that_have_not_authenticated_leave_the_authenticated_session_alone()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var panel = await rig.OnlineAsync(1, 2);

        for (var stranger = 0; stranger < SimulatedController.MaxUnauthenticated * 3; stranger++)
        {
            // What anyone on the network can send: a challenge to each address, and a command without a session.
            var attacker = await rig.ConnectAsync();
            await attacker.ExchangeAsync(new PanelChannel(1, ControllerSecret.Generate()).StartHandshake());
            await attacker.ExchangeAsync(new PanelChannel(2, ControllerSecret.Generate()).StartHandshake());
            await attacker.ExchangeAsync(Packet.Encode(1, 0, (byte)CommandCode.Poll, []));
        }

        Assert.IsType<Ack>(await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(2));
        Assert.Equal(1 + SimulatedController.MaxUnauthenticated * 3, rig.Controller.Counters.Connections);
    }

    [Fact]
    public async Task Beyond_the_limit_the_oldest_connection_that_has_not_authenticated_is_closed()
    {
        await using var rig = await Rig.StartAsync();
        var oldest = await rig.ConnectAsync();
        await oldest.ExchangeAsync(new PanelChannel(1, ControllerSecret.Generate()).StartHandshake());

        for (var stranger = 0; stranger < SimulatedController.MaxUnauthenticated; stranger++)
            await (await rig.ConnectAsync()).ExchangeAsync(new PanelChannel(1, ControllerSecret.Generate()).StartHandshake());

        Assert.True(await oldest.IsClosedAsync());
        Assert.IsType<Ack>(await (await rig.OnlineAsync()).PollAsync(1));
    }

    [Fact]
    public async Task A_session_outlives_its_connection_until_the_next_challenge()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        await panel.DisposeAsync();

        // Like a serial server's port: the bus address keeps its session; a reconnecting driver
        // starts with a challenge anyway, which resets it.
        Assert.True(rig.Cabinet().IsSessionEstablished);
        var again = await rig.OnlineAsync();
        Assert.IsType<Ack>(await again.PollAsync(1));
    }

    [Fact]
    public async Task Disposing_the_controller_closes_its_connection_and_its_port()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var port = rig.Controller.Port;
        var waiting = rig.Cabinet().WhenText(_ => true);

        await rig.Controller.DisposeAsync();

        Assert.True(await panel.IsClosedAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        using var late = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(SimulatedController.Host, port));
    }
}
