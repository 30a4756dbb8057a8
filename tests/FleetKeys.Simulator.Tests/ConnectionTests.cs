using System.Net.Sockets;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class ConnectionTests
{
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
